import { Alert, Card, Col, Flex, Row } from 'antd';
import { useParams } from 'react-router';
import { useSession } from '../auth/session';
import { QueryState } from '../common/query-state';
import { useCase } from '../cases/case-page';
import { CaseAttachments, CaseFacts, CaseHeader, CaseRules, CaseSteps, CaseTimeline } from '../cases/case-view';
import { useT } from '../i18n';
import { OPEN_VERBS, TASK_VERBS, VerbForm } from './verb-form';

const FINAL = new Set(['rejected', 'refused', 'withdrawn', 'budget_exhausted', 'approved']);

/**
 * A task: the case's facts, rules, trail and documents; every verb while the level is the caller's, otherwise copy and
 * comment while the case is not final.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const userId = useSession()?.user.userId;
  const view = useCase(id);
  return (
    <QueryState loading={view.isLoading} error={view.error} retry={() => void view.refetch()}>
      {() => {
        const data = view.data!;
        const mine = data.tasks.some(
          (task) => task.status === 'open' && userId !== undefined && task.assigneeIds.includes(userId),
        );
        return (
          <Flex vertical gap={12}>
            <CaseHeader view={data} />
            <Row gutter={[12, 12]}>
              <Col xs={24} md={12}>
                <Flex vertical gap={12}>
                  <CaseFacts view={data} />
                  <CaseRules view={data} />
                  <CaseAttachments view={data} />
                </Flex>
              </Col>
              <Col xs={24} md={12}>
                <Flex vertical gap={12}>
                  {mine ? (
                    <VerbForm key={`task-${data.currentLevel}`} view={data} verbs={TASK_VERBS} />
                  ) : (
                    <>
                      <Alert type="info" showIcon title={t('task.notYours')} />
                      {!FINAL.has(data.status) && <VerbForm key="open" view={data} verbs={OPEN_VERBS} />}
                    </>
                  )}
                  <Card size="small" title={t('case.steps')}>
                    <CaseSteps view={data} />
                  </Card>
                  <Card size="small" title={t('case.trail')}>
                    <CaseTimeline view={data} />
                  </Card>
                </Flex>
              </Col>
            </Row>
          </Flex>
        );
      }}
    </QueryState>
  );
}
