import 'server-only';
import nodemailer from 'nodemailer';
import { env } from '../env';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** what to log when no SMTP server is configured (development, CI) */
  logLine: string;
}

let transport: nodemailer.Transporter | undefined;

export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, EMAIL_FROM } = env();
  if (!SMTP_URL) {
    console.info(`[mail] SMTP_URL not set; ${mail.logLine}`);
    return;
  }
  transport ??= nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: EMAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
}
