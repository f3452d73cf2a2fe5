import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row } from 'antd';
import { useParams } from 'react-router';
import { api, call } from '../api/client';
import { useSession } from '../auth/session';
import { QueryState } from '../common/query-state';
import { useT } from '../i18n';
import { CaseAttachments, CaseFacts, CaseHeader, CaseRules, CaseSteps, CaseTimeline } from './case-view';
import { ResubmitForm } from './resubmit-form';

export function useCase(id: string) {
  return useQuery({
    queryKey: ['application', id],
    queryFn: () => call(api.GET('/applications/{id}', { params: { path: { id } } })),
    // The workflow moves the case on its own (a level opens a moment after submission): follow it while open.
    refetchInterval: (query) =>
      ['submitted', 'pending_approval'].includes(query.state.data?.status ?? '') ? 3_000 : false,
  });
}

/**
 * The case page: status, the levels as steps, the trail as a timeline, the rules, the facts and documents; a returned
 * case shows its applicant the reason and the form to resubmit it.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const view = useCase(id);
  const applicant = useSession()?.user.role === 'applicant';
  return (
    <QueryState loading={view.isLoading} error={view.error} retry={() => void view.refetch()}>
      {() => (
        <Flex vertical gap={12}>
          <CaseHeader view={view.data!} />
          {applicant && view.data!.status === 'returned' && <ResubmitForm view={view.data!} />}
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12}>
              <Flex vertical gap={12}>
                <Card size="small" title={t('case.steps')}>
                  <CaseSteps view={view.data!} />
                </Card>
                <Card size="small" title={t('case.trail')}>
                  <CaseTimeline view={view.data!} />
                </Card>
              </Flex>
            </Col>
            <Col xs={24} md={12}>
              <Flex vertical gap={12}>
                <CaseRules view={view.data!} />
                <CaseFacts view={view.data!} />
                <CaseAttachments view={view.data!} />
              </Flex>
            </Col>
          </Row>
        </Flex>
      )}
    </QueryState>
  );
}
