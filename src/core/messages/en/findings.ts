/**
 * English texts of the scan findings (`findings.<ruleId>.<part>`), one group per finding rule in
 * src/core/discovery/rules/. Each rule has a `title`, a `detail` (what was seen, why it matters, ending in
 * `{{note}}`, the partial-result sentence or nothing) and a `recommendation` (what to do next); the other keys are
 * parts a rule puts into those (`{{impl}}`, `{{risk}}`…), empty when the rule has nothing to say there. Keys are
 * flat (`'<ruleId>.<part>'`, which i18next finds as `findings.<ruleId>.<part>`), so the section has the same
 * shape as every other. See ../en.ts.
 */
export const findings = {
  // Where findings come from (src/core/findings/sources/<id>.ts), shown in the UI and reports.
  'source.scan': 'Network scan',
  'source.disclosure': 'Manufacturer disclosure',
  'source.vulnerability': 'Vulnerability advisory',

  // The sentence a detail ends with when the check stopped part-way (rule.ts incompleteNote).
  'partial.note': ' Note: this check stopped part-way{{why}}; the result is partial.',
  'partial.why': ' ({{reason}})',

  // A rule that threw on unexpected observation data (rules/index.ts).
  'rule-error.title': 'The rule "{{rule}}" could not run',
  'rule-error.detail': 'The observation data had an unexpected shape: {{reason}}',
  'rule-error.recommendation': 'Scan this device again; if this repeats, please report it as a bug.',

  'vnc-no-password.title': 'Screen sharing (VNC) needs no password',
  'vnc-no-password.detail':
    'The VNC (remote screen) service on port {{port}} offers the security type "None". Anyone on the network may be able to watch this device\'s screen and use its mouse and keyboard. (We stopped after reading the list of security types; we did not connect to the screen.){{note}}',
  'vnc-no-password.recommendation':
    'Contact the manufacturer promptly to disable VNC or set a password. Until then block ports 5900–5903 on the network (firewall or switch) and open them only during service visits.',

  'telnet-cleartext.title': 'Telnet (unencrypted remote login) is enabled',
  'telnet-cleartext.detail':
    'Telnet answered on port {{port}}{{prompt}}. Telnet sends the user name, password and every command unencrypted, so anyone on the same network can read them and take over the device.{{note}}',
  'telnet-cleartext.prompt': ' (login prompt "{{prompt}}")',
  'telnet-cleartext.notRead': 'the Telnet reply was not read',
  'telnet-cleartext.recommendation':
    'Ask the manufacturer whether Telnet is really needed (for service, for example) and have it disabled if not; if it is, ask whether encrypted SSH can replace it. Until then keep the device in an isolated network segment and allow port 23 only from the service workstation.',

  'smbv1-enabled.title': 'SMBv1 (the old file-sharing protocol) is enabled',
  'smbv1-enabled.detail':
    'The file-sharing service on port {{ports}} accepted the old SMBv1 protocol (dialect "{{dialect}}"). SMBv1 is what the WannaCry ransomware used in 2017 to stop hospital equipment worldwide; it should no longer be used.{{note}}',
  'smbv1-enabled.recommendation':
    'Ask the manufacturer whether SMBv1 can be disabled (by an update or a setting). Until then keep the device in an isolated segment and block ports 139/445 from other segments.',

  'ftp-anonymous.title': 'Anyone can log in to FTP (anonymous login)',
  'ftp-anonymous.detail':
    'The FTP service on port {{port}} accepted the user name "anonymous" with any password. Anyone on the network may be able to read or upload files. (We only logged in; no files were listed or transferred.){{note}}',
  'ftp-anonymous.recommendation':
    'Ask the manufacturer whether anonymous login is needed and have it disabled if not. If it is, make sure it is read-only and holds no patient data. Until then allow port 21 only from the systems that need it.',

  'snmp-default-community.title': 'SNMP answers to the default community "{{community}}"',
  'snmp-default-community.detail':
    'SNMP ({{versions}}) returned device information for the default community (SNMP\'s password) "{{community}}"{{sysDescr}}. {{risk}}(We only read values; nothing was changed.){{note}}',
  'snmp-default-community.sysDescr': ' ("{{sysDescr}}")',
  'snmp-default-community.risk.write':
    '"private" is commonly the read-write community, so settings may be changeable by anyone. ',
  'snmp-default-community.risk.read': 'Anyone can read the device configuration. ',
  'snmp-default-community.recommendation':
    'Ask the manufacturer whether SNMP is needed and have it disabled if not. If it is, have the community changed to one that cannot be guessed, or move to SNMPv3 with authentication and encryption, and allow UDP port 161 only from the monitoring server.',

  'rdp-without-nla.title': 'Remote Desktop accepts connections without Network Level Authentication (NLA)',
  'rdp-without-nla.detail':
    'Remote Desktop (RDP) on port {{port}} accepted a connection with {{how}}. Anyone can reach the logon screen before proving who they are, which helps password guessing and flaws such as BlueKeep. (We only sent connection requests; no logon was attempted.){{note}}',
  'rdp-without-nla.how.standard': 'legacy Standard RDP Security',
  'rdp-without-nla.how.tls': 'TLS without Network Level Authentication',
  'rdp-without-nla.recommendation':
    'Ask the manufacturer whether Network Level Authentication can be required. Until then allow port 3389 only from the service workstation and check that Windows updates are applied.',

  'dicom-any-aet.title': 'The DICOM service accepts any AE title',
  'dicom-any-aet.detail':
    'The DICOM service on port {{port}} accepted an association for the made-up AE title "{{called}}"{{impl}}. Any computer on the network may be able to send it images or, on a PACS, query and retrieve them. (We only sent a C-ECHO verification; no images were sent or retrieved.){{note}}',
  'dicom-any-aet.impl': ' (implementation: {{impl}})',
  'dicom-any-aet.heard.title': 'The DICOM service accepts any AE title',
  'dicom-any-aet.heard.detail':
    'Listening to the network (nothing was sent), the DICOM service on port {{port}} was heard accepting associations addressed to different AE titles, among them "{{called}}"{{impl}}. It does not check which name it is called by: any computer on the network may be able to send it images or, on a PACS, query and retrieve them.{{note}}',
  'dicom-any-aet.heard.recommendation':
    'Ask the manufacturer to configure the device to accept only its own AE title and only known partners (modalities, PACS, workstations), and correct the partner that uses the wrong title. Also allow the DICOM port only from those partner systems.',
  'dicom-any-aet.recommendation':
    'Ask the manufacturer to configure the device to accept only its own AE title and only known partners (modalities, PACS, workstations). Also allow the DICOM port only from those partner systems.',

  'http-admin-without-tls.title': 'An admin or login page is served over unencrypted HTTP',
  'http-admin-without-tls.detail':
    'The web server on port {{port}} serves a login or admin page ({{pages}}) without encryption (TLS/HTTPS){{title}}. Passwords typed there can be read by anyone on the same network.{{note}}',
  'http-admin-without-tls.pageTitle': ' (title "{{title}}")',
  'http-admin-without-tls.recommendation':
    'Ask the manufacturer whether HTTPS (encryption) can be enabled and plain HTTP turned off. Until then allow the admin page only from the service workstation, and make sure the default password has been changed.',

  'ftp-cleartext.title': 'FTP (unencrypted file transfer) is enabled',
  'ftp-cleartext.detail':
    'FTP answered on port {{port}}{{banner}}. FTP sends passwords and the transferred files (which may hold images or test results) unencrypted.{{note}}',
  'ftp-cleartext.banner': ' ("{{banner}}")',
  'ftp-cleartext.notRead': 'the FTP reply was not read',
  'ftp-cleartext.recommendation':
    'Ask the manufacturer what FTP is used for and have it disabled if it is not needed; otherwise ask whether an encrypted method (SFTP or FTPS) can be used. Until then allow port 21 only from the systems that exchange data with this device.',

  'tls-old-version.title': 'Old encryption versions ({{versions}}) are accepted',
  'tls-old-version.detail':
    'The encrypted service on port {{port}} accepted connections with old versions ({{versions}}) that were deprecated in 2021 (RFC 8996). Their weaknesses can, under some conditions, let an attacker read or change the traffic.{{note}}',
  'tls-old-version.recommendation':
    'Ask the manufacturer whether the device can be set (or updated) to accept only TLS 1.2 and newer. If connecting systems only speak the old versions, plan their update too.',

  'tls-weak-certificate.title': 'The TLS certificate has weaknesses',
  'tls-weak-certificate.detail':
    'The certificate on port {{port}}{{subject}} is {{problems}}. Users get used to clicking through browser warnings, which makes an impostor device hard to notice.{{note}}',
  'tls-weak-certificate.subject': ' ({{subject}})',
  'tls-weak-certificate.selfSigned': 'self-signed (issued by the device itself)',
  'tls-weak-certificate.expired': 'expired (valid until {{date}})',
  'tls-weak-certificate.notYetValid': 'not yet valid (from {{date}})',
  'tls-weak-certificate.weakKey': 'weak key ({{key}} bits)',
  'tls-weak-certificate.recommendation':
    "Ask the manufacturer whether the certificate can be replaced by one the hospital manages (or at least one that is in date with a 2048-bit or stronger key). Until then record the certificate's fingerprint and check periodically that it has not changed.",

  // Two findings: the ledger lists no ports at all (`noPortList`), or this open port is not among them (`undeclared`).
  'undeclared-open-port.noPortList.title': 'The ledger has no list of the ports this device uses',
  'undeclared-open-port.noPortList.detail':
    'These ports were open on this device: {{ports}}. The ledger has no port list from the manufacturer, so we cannot tell whether they are expected.',
  'undeclared-open-port.noPortList.recommendation':
    "Ask the manufacturer for the device's port list (in its MDS2 form or technical documentation) and enter it in the ledger; later scans will then flag unexpected ports automatically.",
  'undeclared-open-port.undeclared.title': 'Port {{port}} is open but was not declared by the manufacturer',
  'undeclared-open-port.undeclared.detail':
    'Port {{service}} is open but is not among the declared ports in the ledger ({{declared}}). An unexpected service may be a misconfiguration or an unneeded feature.',
  'undeclared-open-port.undeclared.recommendation':
    'Ask the manufacturer what this port is for. Have it disabled if it is not needed, or add it to the ledger if it is. Until then consider restricting access to it on the network.',
  'undeclared-open-port.undeclaredByModel.title': 'Port {{port}} is open but not in the disclosure',
  'undeclared-open-port.undeclaredByModel.detail':
    'Port {{service}} was open, but it is not among the ports the manufacturer declared for the model {{model}} in its disclosure (MDS2 or similar): {{declared}}. Either the device is not set up as disclosed, or the disclosure is incomplete.',
  'undeclared-open-port.undeclaredByModel.recommendation':
    'Ask the manufacturer what this port is for and why the disclosure does not list it (the Disclosures page writes the letter). If it is not needed, have it turned off; until you know, restrict connections to it on the network equipment.',
  'cleartext-where-tls-declared.title': 'Port {{port}} is declared encrypted but answered in cleartext ({{service}})',
  'cleartext-where-tls-declared.detail':
    'The disclosure of the model {{model}} says port {{port}} is encrypted (TLS), but the check saw it answer without encryption ({{service}}). Passwords and patient data sent there can be read by anyone on the network.',
  'cleartext-where-tls-declared.recommendation':
    'Ask the manufacturer why the device differs from its disclosure and have encryption turned on. Until then, allow only the computers that need this device to reach it, on the network equipment.',

  // Passive only: heard in a packet capture (issue 12), never by an active scan.
  'cleartext-credentials.title': 'A login crossed the network unencrypted ({{protocols}}, port {{port}})',
  'cleartext-credentials.detail':
    'A packet capture heard {{count}} login(s) to this device on port {{port}} with {{protocols}}, which sends the user name and the password without encryption (user names: {{users}}). {{outcome}}Anyone who can listen on the network between the two devices (a mirror port, an infected PC on the same segment) could read the password and log in as that user. Mamori keeps the user name and the packet number as evidence, never the password.',
  'cleartext-credentials.accepted':
    'The device accepted at least one of these logins, so the password was a real one. ',
  'cleartext-credentials.recommendation':
    'Change the password of the user(s) named above. Ask the manufacturer whether the device can use an encrypted method instead (SSH instead of Telnet, SFTP/FTPS instead of FTP, HTTPS instead of HTTP) and turn the unencrypted one off; until then allow this port only from the systems that need it.',

  'dicom-without-tls.title': 'DICOM images are sent without encryption',
  'dicom-without-tls.detail':
    'A packet capture heard {{count}} DICOM association(s) of this device in clear: {{pairs}} (calling AE → called AE, and the other device). DICOM carries images together with the patient name, ID and date of birth; without encryption (DICOM over TLS, usually port 2762) anyone listening on the path could read or copy them.',
  'dicom-without-tls.recommendation':
    'Ask the manufacturers of both devices (the modality and the PACS or workstation) whether DICOM over TLS is supported and plan to switch to it. Until then keep DICOM traffic in a separate network segment (VLAN) that only the imaging devices can reach.',

  'hl7-crossing-segments.title': 'HL7 messages travel between network segments',
  'hl7-crossing-segments.detail':
    'A packet capture heard HL7 messages (which carry patient data in clear) between this device in segment {{segment}} and devices in other segments: {{peers}}. Here "segment" means a different IPv4 /24 or IPv6 /64 network, because a capture alone cannot know your network plan. Between segments the messages pass routers or firewalls, where more people and devices can see them.',
  'hl7-crossing-segments.recommendation':
    'Check with the network diagram whether these segments really are different networks. If they are, allow HL7 (MLLP) between them only for these devices on the firewall, and ask the vendors whether the interface can be encrypted (MLLP over TLS or a VPN between the segments).',

  'internet-traffic.title': 'This device exchanged data with the internet ({{count}} address(es))',
  'internet-traffic.detail':
    'A packet capture heard this device talk with {{count}} internet address(es), e.g. {{peers}} (address:port). A medical device normally talks only to systems inside the hospital; internet traffic can be remote maintenance, a cloud service, or a sign that something unwanted runs on it.',
  'internet-traffic.recommendation':
    "Ask the manufacturer and the department which of these connections are expected (remote maintenance contract, updates, cloud service) and record them. Block the others on the firewall, and for remote maintenance use the hospital's approved remote-access route only.",

  'probe-incomplete.title': 'The check "{{probe}}" did not finish',
  'probe-incomplete.detail':
    'The check "{{probe}}" on port {{port}}/{{transport}} did not complete (reason: {{reason}}). The partial result is kept, but it does not prove the absence of weaknesses.',
  'probe-incomplete.recommendation':
    'Re-run the check at a quiet time with the gentle profile. If it keeps stopping part-way, the device may not cope well with unexpected traffic; discuss this with the manufacturer.',
}
