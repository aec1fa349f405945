import { createHmac } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { NotificationChannel } from '../entities/alert-rule.entity';
import { NotificationChannelKind, OperationalAlertStatus } from '../monitoring-vocabulary';

export interface NotificationSettings {
  /** Signs webhook bodies: `x-holovitals-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
  webhookSecret: string | null;
  timeoutMs: number;
  /** Tries per alert before giving up (each delivery pass makes one). */
  maxAttempts: number;
  /** Null when no SMTP server is configured: e-mail channels then fail with that reason. */
  mail: { transport: Transporter; from: string } | null;
}

export interface AlertNotice {
  id: string;
  kind: string;
  subject: string;
  severity: string;
  status: string;
  summary: string;
  firedAt: string;
  ruleName: string;
}

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

async function postSigned(url: string, payload: unknown, settings: NotificationSettings): Promise<void> {
  if (!settings.webhookSecret) throw new Error('no webhook signing secret configured (ALERT_WEBHOOK_SECRET)');
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-holovitals-signature': webhookSignature(settings.webhookSecret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(settings.timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${new URL(url).host} answered HTTP ${response.status}`);
}

/** Sends one alert to one channel; throws with the reason when the channel does not accept it. */
export async function notifyChannel(
  channel: NotificationChannel,
  notice: AlertNotice,
  settings: NotificationSettings,
): Promise<void> {
  const line = `[${notice.severity}] ${notice.ruleName}: ${notice.summary}`;
  switch (channel.kind) {
    case NotificationChannelKind.WEBHOOK:
      await postSigned(channel.target, { alert: notice }, settings);
      return;
    case NotificationChannelKind.SLACK:
      await postSigned(channel.target, { text: line }, settings);
      return;
    case NotificationChannelKind.EMAIL:
      if (!settings.mail) throw new Error('no SMTP server configured (SMTP_URL)');
      await settings.mail.transport.sendMail({
        from: settings.mail.from,
        to: channel.target,
        subject: `HoloVitals alert: ${notice.ruleName} (${notice.subject})`,
        text: `${line}\n\nFired at ${notice.firedAt}. Alert id ${notice.id}.`,
      });
      return;
  }
}

interface PendingAlertRow {
  id: string;
  kind: string;
  subject: string;
  severity: string;
  status: string;
  summary: string;
  fired_at: Date;
  rule_name: string;
  channels: NotificationChannel[];
}

/**
 * Sends every alert not yet notified to all its rule's channels; an alert counts as notified once every channel
 * accepted it, else it is tried again on the next pass (up to `maxAttempts`), with the last reason kept.
 */
export async function deliverPendingNotifications(
  dataSource: DataSource,
  settings: NotificationSettings,
): Promise<{ delivered: number; failed: number }> {
  const pending = (await dataSource.query(
    `SELECT a.id, a.kind, a.subject, a.severity, a.status, a.summary, a.fired_at, r.name AS rule_name, r.channels
       FROM monitoring_alert a JOIN monitoring_alert_rule r ON r.id = a.rule_id
      WHERE a.notified_at IS NULL AND a.status <> $1 AND a.notify_attempts < $2
      ORDER BY a.fired_at LIMIT 100`,
    [OperationalAlertStatus.RESOLVED, settings.maxAttempts],
  )) as PendingAlertRow[];
  let delivered = 0;
  let failed = 0;
  for (const row of pending) {
    const notice: AlertNotice = {
      id: row.id,
      kind: row.kind,
      subject: row.subject,
      severity: row.severity,
      status: row.status,
      summary: row.summary,
      firedAt: new Date(row.fired_at).toISOString(),
      ruleName: row.rule_name,
    };
    const outcomes = await Promise.allSettled(
      row.channels.map((channel) => notifyChannel(channel, notice, settings)),
    );
    const reasons = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected'
        ? [outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)]
        : [],
    );
    if (reasons.length === 0) delivered += 1;
    else failed += 1;
    await dataSource.query(
      `UPDATE monitoring_alert SET notify_attempts = notify_attempts + 1,
              notified_at = CASE WHEN $2 THEN now() ELSE NULL END, notify_error = $3
        WHERE id = $1`,
      [row.id, reasons.length === 0, reasons.length === 0 ? null : reasons.join('; ').slice(0, 1_000)],
    );
  }
  return { delivered, failed };
}
