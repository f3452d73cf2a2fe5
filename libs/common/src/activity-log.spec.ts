import { Logger } from '@nestjs/common';
import { structuredLog } from './activity-log';

describe('structuredLog outside an activity', () => {
  it('goes to the Nest logger with the fields appended to the message', () => {
    const nest = new Logger('Test');
    const warn = jest.spyOn(nest, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(nest, 'log').mockImplementation(() => undefined);
    structuredLog(nest).warn('Notification failed, will retry', { applicationId: 'a-1', channel: 'email', attempt: 2 });
    structuredLog(nest).info('Archived');
    expect(warn).toHaveBeenCalledWith('Notification failed, will retry (applicationId=a-1 channel=email attempt=2)');
    expect(log).toHaveBeenCalledWith('Archived');
  });
});
