import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification channels: besides email, SMS through a gateway and an in-app inbox (`GET /me/notifications`).
 * Users get a phone number, a language for their notices and an SMS opt-in. Each channel of a notice is its own row
 * (the unique key already includes the channel); the rendered text is kept for the inbox, and a failure the channel
 * reported as permanent (HTTP 4xx from the SMS gateway) is marked so that a retry does not send it again.
 */
export class NotificationChannels1764200000000 implements MigrationInterface {
  name = 'NotificationChannels1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN phone text`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_phone_check CHECK (phone ~ '^\\+?[0-9]{5,20}$')`);
    await q.query(`ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN'`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_locale_check CHECK (locale IN ('zh-CN', 'en'))`);
    await q.query(`ALTER TABLE users ADD COLUMN notify_sms boolean NOT NULL DEFAULT false`);

    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_channel_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_channel_check CHECK (channel IN ('email', 'sms', 'in_app'))`,
    );
    // The inbox has no address; email and SMS always do.
    await q.query(`ALTER TABLE notifications ALTER COLUMN address DROP NOT NULL`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_address_check CHECK (channel = 'in_app' OR address IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE notifications ADD COLUMN body text`);
    await q.query(`ALTER TABLE notifications ADD COLUMN read_at timestamptz`);
    await q.query(`ALTER TABLE notifications ADD COLUMN permanent_failure boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_permanent_failure_check CHECK (NOT permanent_failure OR status = 'failed')`,
    );
    // A user's inbox, newest first (keyset paging on created_at, id), and the failures auditors look at.
    await q.query(
      `CREATE INDEX notifications_inbox_idx ON notifications (recipient_user_id, created_at DESC, id DESC) WHERE channel = 'in_app'`,
    );
    await q.query(
      `CREATE INDEX notifications_failed_idx ON notifications (created_at DESC, id DESC) WHERE status = 'failed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS notifications_failed_idx`);
    await q.query(`DROP INDEX IF EXISTS notifications_inbox_idx`);
    // The rows of the new channels cannot live in the old schema.
    await q.query(`DELETE FROM notifications WHERE channel <> 'email'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_permanent_failure_check`);
    await q.query(`ALTER TABLE notifications DROP COLUMN permanent_failure`);
    await q.query(`ALTER TABLE notifications DROP COLUMN read_at`);
    await q.query(`ALTER TABLE notifications DROP COLUMN body`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_address_check`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN address SET NOT NULL`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_channel_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_channel_check CHECK (channel IN ('email'))`);

    await q.query(`ALTER TABLE users DROP COLUMN notify_sms`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_locale_check`);
    await q.query(`ALTER TABLE users DROP COLUMN locale`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_phone_check`);
    await q.query(`ALTER TABLE users DROP COLUMN phone`);
  }
}
