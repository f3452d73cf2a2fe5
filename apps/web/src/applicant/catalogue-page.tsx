import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../common/query-state';
import { useT } from '../i18n';
import { usePrograms } from './programs';

/** 帮扶项目: every program in plain words, with what to bring; the ones run as campaigns say so. */
export default function CataloguePage({ headingLevel = 1 }: { headingLevel?: 1 | 2 }) {
  const { t, tr, language } = useT();
  const programs = usePrograms();
  return (
    <section aria-labelledby="catalogue-title">
      <Typography.Title id="catalogue-title" level={headingLevel} style={{ fontSize: 20 }}>
        {t('catalogue.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalogue.intro')}</Typography.Paragraph>
      <QueryState loading={programs.isLoading} error={programs.error} retry={() => void programs.refetch()}>
        {() => (
          <List
            grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
            dataSource={programs.data ?? []}
            renderItem={(p) => {
              const open = p.runAs === 'applications' && p.openForSubmission;
              return (
                <List.Item>
                  <Card
                    title={language === 'en' ? p.nameEn : p.name}
                    data-testid={`program-${p.code}`}
                    actions={[
                      open ? (
                        <Link
                          key="apply"
                          to={`/app/programs/${p.code}/apply`}
                          aria-label={`${t('catalogue.apply')} ${language === 'en' ? p.nameEn : p.name}`}
                        >
                          <Button type="primary">{t('catalogue.apply')}</Button>
                        </Link>
                      ) : (
                        <Typography.Text key="closed" type="secondary">
                          {p.runAs === 'campaigns' ? t('catalogue.campaign') : t('catalogue.closed')}
                        </Typography.Text>
                      ),
                    ]}
                  >
                    <Typography.Paragraph>{tr('programDesc', p.code, '')}</Typography.Paragraph>
                    {p.categories.length > 0 && (
                      <Flex wrap gap={4} style={{ marginBottom: 8 }}>
                        {p.categories.map((c) => (
                          <Tag key={c}>{tr('category', c)}</Tag>
                        ))}
                      </Flex>
                    )}
                    {p.documentsRequired.length > 0 && (
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                        {t('catalogue.documents')}:{' '}
                        {p.documentsRequired.map((d) => documentName(d, language)).join('；')}
                      </Typography.Paragraph>
                    )}
                  </Card>
                </List.Item>
              );
            }}
          />
        )}
      </QueryState>
    </section>
  );
}

/** The API names documents "中文 (English)" or "English (中文)": the part in the user's language. */
export function documentName(text: string, language: string): string {
  const match = /^(.*?)\s*\((.*)\)\s*$/.exec(text);
  if (!match) return text;
  const [outer, inner] = [match[1], match[2]];
  const chinese = /[\u4e00-\u9fff]/;
  const zh = chinese.test(outer) ? outer : inner;
  const en = chinese.test(outer) ? inner : outer;
  return language === 'en' ? en : zh;
}
