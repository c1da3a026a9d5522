/**
 * Owns {@code mail_outbox}. {@link io.iotconsole.mail.Mailer#queue} writes a mail in the caller's transaction;
 * {@link io.iotconsole.mail.OutboxDelivery} sends it over SMTP with retries, safely from several instances.
 * Without SMTP the mails stay in the outbox, the operator reads them on the Mailbox page and links go to the log.
 */
package io.iotconsole.mail;
