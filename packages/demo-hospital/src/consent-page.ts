function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The authorize step's page: which app asks for what, which patient signs in, and Allow / Deny. */
export function consentPage(input: {
  clientId: string;
  scopes: readonly string[];
  patients: readonly { id: string; name: string }[];
  /** The authorize request's parameters, echoed back as hidden fields. */
  request: Record<string, string>;
}): string {
  const hidden = Object.entries(input.request)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const patients = input.patients
    .map(
      (patient, index) =>
        `<label><input type="radio" name="patient" value="${escapeHtml(patient.id)}"${index === 0 ? ' checked' : ''}> ${escapeHtml(patient.name)}</label><br>`,
    )
    .join('\n');
  const scopes = input.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo Hospital — authorize access</title></head>
<body>
<h1>Demo Hospital patient portal</h1>
<p><strong>${escapeHtml(input.clientId)}</strong> asks to access your health record:</p>
<ul>${scopes}</ul>
<form method="post" action="authorize">
${hidden}
<fieldset><legend>Signed in as</legend>
${patients}
</fieldset>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
</body></html>`;
}
