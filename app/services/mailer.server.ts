// The seam for a real mailer: today an invitation link goes to the server log (no mail server needed).
export type OutgoingMail = { to: string; subject: string; text: string };

export type Mailer = (mail: OutgoingMail) => Promise<void>;

let mailer: Mailer = async (mail) => {
  console.log(`[mail] to=${mail.to} subject=${JSON.stringify(mail.subject)}\n${mail.text}`);
};

export function setMailer(next: Mailer): void {
  mailer = next;
}

export function sendMail(mail: OutgoingMail): Promise<void> {
  return mailer(mail);
}
