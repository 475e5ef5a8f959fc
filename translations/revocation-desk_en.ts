<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AmsCommands</name>
    <message>
        <source>Give the holder&apos;s NIK with --nik.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s NIK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask by e-mail instead (Esign v2 only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask BSrE&apos;s Esign Client Service for a holder&apos;s certificate status (settings esign/url, esign/api, esign/username; secret esign/password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --nik or --email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting esign/url is not set: the Esign Client Service&apos;s address is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting ams/url is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List a holder&apos;s certificates as AMS knows them (rest backend; settings ams/url, ams/username; secrets ams/password, ams/totp-secret or ams/token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS knows no certificate of this holder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that AMS answers: the health endpoint (rest) or the AMS page (portal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BSrE&apos;s AMS and Esign status: a holder&apos;s status, their certificates, reachability.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AmsOperationQueue</name>
    <message>
        <source>There is no AMS operation %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown AMS operation &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AMS operation %1 is not open any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AMS operation %1 is %2 and not held by this runner, so it was not marked %3; another runner or a person changed it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AMS operation %1 changed while it was queued again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AMS operation %1 is being sent by another workstation (until %2 at the latest).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AMS operation %1 is not held by this runner any more; it was not queued for a retry.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AmsSettings</name>
    <message>
        <source>The setting ams/backend must be &quot;rest&quot; or &quot;portal&quot;, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting esign/api must be &quot;v1&quot; or &quot;v2&quot;, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting %1 must be an https:// (or http://) address, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA bundle in ams/caFile cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting %1 is plain http:// to another computer (%2), where anyone on the network could read the password; use https:// (http:// is only for a simulator on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>The setting %1 must be a whole number of bytes from 1 to %2; it is &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentStore</name>
    <message>
        <source>statement letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decree (SK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>death certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identity card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2; a file may be at most %3 (AMS&apos;s limit, the setting attachments/maxBytes). Scan it at a lower resolution or split it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A file&apos;s name must be given, without folders, in at most %n character(s).</source>
        <translation>
            <numerusform>A file&apos;s name must be given, without folders, in at most %n character.</numerusform>
            <numerusform>A file&apos;s name must be given, without folders, in at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file&apos;s name contains control characters; rename the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty: attach the scanned or photographed document itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds a private key. A key is never attached or sent to anyone; attach the signed letter instead, and tell the operator the key may have been exposed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a PDF, JPEG or PNG file (its content is %2); scan or save the document as one of those.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is named as %2, but its content is %3; rename the file or save it again in the right format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no request %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is %1; it takes no more files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has no role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is being handled (%1); only staff may add files now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has no attachment %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment %1 no longer matches the SHA-256 it was stored with; it was changed in the database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditCommands</name>
    <message>
        <source>audit verify takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain is broken at entry %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prove the audit log&apos;s hash chain whole, or name the first entry that was changed, removed or inserted; reseal a reviewed head (administrator).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recompute the audit log&apos;s hash chain and check its signed checkpoint. Exit 0 when whole and signed, 3 naming the first entry that was changed, removed or inserted (or a checkpoint that is missing, unsigned or wrongly signed), 4 when the chain is whole but no audit key was at hand to check the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not proven: the checkpoint&apos;s signature was not checked, so the newest entries may have been cut off or rewritten. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, after which review: kept in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For an administrator, after reviewing the entries that audit verify cannot vouch for: sign the checkpoint again when it is unsigned or wrongly signed and the chain itself is whole. Appends an audit.resealed entry naming the head it covered. A broken chain is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit reseal takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit reseal needs --reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resealed: entry %1 records the review, and the checkpoint is signed again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit log has no checkpoint row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was removed: the chain jumps from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was inserted: entry %2 links past it to entry %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was inserted: the entry after it links to entry %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was removed and the entries after it renumbered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was changed: entry %2 no longer links to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was changed: its content no longer matches its hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was removed: the checkpoint records %2 entries, the log holds %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was inserted after the checkpoint (entry %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint does not match entry %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The audit chain of %n entries is whole.</source>
        <translation>
            <numerusform>The audit chain of %n entry is whole.</numerusform>
            <numerusform>The audit chain of %n entries is whole.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was saved. Ask an administrator to check the audit log (audit verify).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log is signed, but no audit key is configured here (%1 or the keychain entry %2), so nothing can be added to it. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log&apos;s checkpoint carries no signature although an audit key is configured: entries may have been written without the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log&apos;s checkpoint signature is wrong: the log was written to without the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log does not end at its checkpoint (entry %1): entries were added, removed or changed outside the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator may reseal the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the audit log is resealed: the reason is kept in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit key is configured (%1 or the keychain entry %2): there is nothing to seal with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log is whole and signed; there is nothing to reseal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain itself is broken (%1); resealing would hide that. Restore the database from a backup taken before entry %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log has no checkpoint row: its newest entries cannot be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit key is configured here (%1 or the keychain entry %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint carries no signature although an audit key is configured: the log may have been emptied or rewritten without the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint&apos;s signature is wrong: the newest entries may have been rewritten.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Certificate</name>
    <message>
        <source>The PKCS#7 file is not a certificate bundle (.p7b/.p7c).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PKCS#7 file holds no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not a certificate: neither PEM, DER nor PKCS#7 could be read from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a private key, not a certificate. It was not read or kept; keep it secret and give the certificate file (.cer, .crt, .pem or .p7b) instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PEM text is damaged (broken base64 or a missing BEGIN/END line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PEM certificate block is damaged or truncated inside its base64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PEM PKCS#7 block is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PEM text holds no certificate, only: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The certificate is followed by %n byte(s) that are not a certificate.</source>
        <translation>
            <numerusform>The certificate is followed by %n byte that is not a certificate.</numerusform>
            <numerusform>The certificate is followed by %n bytes that are not a certificate.</numerusform>
        </translation>
    </message>
    <message>
        <source>The certificate data is truncated: it ends before its DER encoding does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not take a reference to the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is empty: there is no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is larger than %1 MB; a certificate file is a few kilobytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 is larger than %2 MB; a certificate file is a few kilobytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 is empty: there is no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateCommands</name>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial (hex):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial (decimal):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key usage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended key usage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail addresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRL distribution points:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA issuers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject attributes (certificate order):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A certificate: PEM, DER or PKCS#7 (.p7b/.p7c).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the fields of every certificate in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cert inspect takes one FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MATCH: the certificate belongs to this holder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MISMATCH: the certificate does not belong to this holder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEEDS REVIEW: the operator has to decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate: serial %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (informative)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A certificate: PEM, DER or PKCS#7 (the first end-entity certificate in it is compared).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s NIK, read from the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s full name, titles allowed (instead of --holder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s official e-mail (instead of --holder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AMS user name (an e-mail or a NIK); default: the holder&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s unit, compared with OU for information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare a certificate&apos;s subject with the holder (SOP step 7). Exit 0 match, 3 mismatch, 4 needs review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cert match takes one FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --holder NIK or --name NAME --email EMAIL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--name and --email go together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates: read their fields, match the subject with the holder (SOP step 7), prove a revocation by OCSP or CRL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCSP responder:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateRepository</name>
    <message>
        <source>A certificate needs its serial number, issuer and subject.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s validity period is not a valid range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s SHA-256 fingerprint must have 64 hex digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown certificate status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A revoked certificate needs the time of its revocation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A revoked certificate needs an RFC 5280 reason code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a revoked certificate has a revocation time and reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate with serial number %1 is already registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an RFC 5280 reason code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 is revoked and cannot become %2 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no certificate with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateRevocationList</name>
    <message>
        <source>The CRL is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL is larger than %1 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is PEM but holds no readable X509 CRL block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not a CRL in DER or PEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The CRL is followed by %n stray byte(s).</source>
        <translation>
            <numerusform>The CRL is followed by %n stray byte.</numerusform>
            <numerusform>The CRL is followed by %n stray bytes.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB, too large for a CRL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The CRL lists a serial number of %n byte(s), more than any certificate has.</source>
        <translation>
            <numerusform>The CRL lists a serial number of %n byte, more than any certificate has.</numerusform>
            <numerusform>The CRL lists a serial number of %n bytes, more than any certificate has.</numerusform>
        </translation>
    </message>
    <message>
        <source>The CRL has too many entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No issuer certificate to check the CRL with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL was issued by %1, not by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL&apos;s signature does not verify with the key of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not sign CRLs: its key usage lacks cRLSign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a delta CRL; a complete CRL is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL has a critical extension this program does not know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL covers only some reasons or other issuers&apos; certificates; a complete, direct CRL is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL&apos;s thisUpdate time cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL is dated %1, in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL does not say when it expires (no nextUpdate), so it cannot be known to be current.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL expired at %1 (nextUpdate); a current one is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 was not issued by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL&apos;s issuing distribution point cannot be read, so what it covers is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL covers only some reasons, attribute certificates or other issuers&apos; certificates; a complete, direct CRL is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL lists only CA certificates (an authority revocation list); it cannot say whether the holder certificate %1 is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL lists only holder certificates; it cannot say whether the CA certificate %1 is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL names its distribution point relative to its issuer, which this program does not support; use the CRL the certificate names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL covers only the distribution point %1, and certificate %2 is not among its certificates (it names %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no distribution point</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateStatusCommand</name>
    <message>
        <source>The certificate (PEM, DER or PKCS#7; the first one counts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of the CA that issued it (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask this OCSP responder instead of the certificate&apos;s own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this CRL (an http or https URL, or a file) instead of the certificate&apos;s own distribution point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give each network call this long (1 to 300).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proof of revocation: ask the OCSP responder, or read the CRL when the responder cannot answer. With --ocsp or --crl only the sources given are used.
Exit status: 0 good, 3 revoked, 4 unknown, 1 status not learned, 2 usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cert status takes one certificate file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cert status needs --issuer ISSUER_FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout needs a number of seconds from 1 to 300.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ocsp needs an http or https URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--crl needs a URL or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1 %2 could not answer: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>See revocation-desk-cli --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in with --user NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a logged-in operator, supervisor or administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLineTool</name>
    <message>
        <source>
Exit codes: 0 ok, 1 error, 2 usage, 3 negative finding (e.g. audit chain broken), 4 indeterminate, 5 at risk.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--database needs a URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name a verb for %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: revocation-desk-cli %1 VERB [options]
%2

Verbs: %3
Run revocation-desk-cli %1 VERB --help for a verb&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1 %2&quot;; %1 knows: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: revocation-desk-cli [--database URL] [--user NAME] [--json] NOUN VERB [options]

Revocation Desk without a window: database set-up, the holder register, revocation requests, users, the audit log and certificates.

Global options:
  --database URL   sqlite:PATH or postgresql://user[:password]@host:port/dbname
                   (default: REVOCATION_DESK_DATABASE, then the setting
                   database/url, then the SQLite file in the data folder).
                   PostgreSQL takes ?sslmode=...&amp;sslrootcert=FILE; a server
                   that is not this computer defaults to sslmode=verify-full
  --user NAME      log in as the account NAME; the password is read from the
                   terminal without echo, or from the first line of standard
                   input. Without it the command line reads and files requests
                   only, acting as cli:&lt;os user&gt;
  --json           print data as JSON
  -h, --help       show this help; NOUN --help and NOUN VERB --help too
  --version        show the version

Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--user needs a user name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigCommands</name>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config list takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config set takes a key and a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a secret in the settings file: remove it with config unset %1 and keep it with secrets set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not read by the program; config unset %1 removes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (where they live; the default):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s settings: the office&apos;s in the database (an administrator sets them) and this workstation&apos;s in revocation-desk.ini. Secrets stay with secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key from the list below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new value; certificates/trustedIssuers takes one or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a setting. A value the program would refuse is refused here, changing nothing. The office&apos;s settings (in the database) are an administrator&apos;s (--user) and audited; this workstation&apos;s are in the OS user&apos;s own revocation-desk.ini and need no --user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the value in force of a setting (the default when unset).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the default: removes the key from this workstation&apos;s revocation-desk.ini (also a key the program does not read), or sets an office setting to its default (administrator, audited).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every setting with its value, where it lives and whether it is the default; keys in revocation-desk.ini that the program does not read are listed last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config %1 takes one key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1 from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown setting &quot;%1&quot;; config list shows the known ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes one value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an image (%1, %2 KB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The Qt database driver %1 is not installed (Debian package %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database path %1 is a folder, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SQLite database %1 cannot use write-ahead logging.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refused to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepare a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database returned no row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no database at %1; `revocation-desk-cli db migrate` creates it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the database file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database %1 over TLS (sslmode=%2): the server does not offer TLS or its certificate could not be verified. Give the server TLS and its CA with ?sslrootcert=FILE; only on a network you trust, write ?sslmode=disable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseCommands</name>
    <message>
        <source>Create or upgrade the schema; show its version and row counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the schema migrations this database lacks, in order. Running it again changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>db migrate takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is up to date (schema version %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Applied %n migration(s); schema version is now %1.</source>
        <translation>
            <numerusform>Applied %n migration; schema version is now %1.</numerusform>
            <numerusform>Applied %n migrations; schema version is now %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the schema version and how many rows each table holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>db status takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run `revocation-desk-cli db migrate` to bring it up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database roles: %1 owns the tables, %2 is for the workbench and the command line, %3 for kiosks. None can log in until you give it a password (docs/install.md).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseRoles</name>
    <message>
        <source>The database name %1 is too long to name its roles after it (at most %2 bytes with &quot;_operator&quot;); choose a shorter database name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database does not know who we are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database roles %1 do not exist, and %2 may not create them. Run `revocation-desk-cli db migrate` once as a PostgreSQL superuser, or have the database administrator create them with the SQL in docs/install.md (&quot;Database roles&quot;) and run it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not hand the tables to the role %2: run `revocation-desk-cli db migrate` as a PostgreSQL superuser or as %2 (docs/install.md, &quot;Database roles&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rights of the database roles could not be set (%1): run `revocation-desk-cli db migrate` as a PostgreSQL superuser or as %2 (docs/install.md, &quot;Database roles&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>The SQLite database URL has no file path: write sqlite:/path/to/file.sqlite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL database URL is malformed: write postgresql://user[:password]@host:port/dbname.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown database URL: use sqlite:PATH or postgresql://user[:password]@host:port/dbname.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting database/url holds a password; remove it and use the keychain or PGPASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sslmode must be one of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sslrootcert must be a file path without spaces, quotes, semicolons or backslashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL database URL knows the options sslmode and sslrootcert, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoCertificateAuthority</name>
    <message>
        <source>Could not generate an EC P-256 key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The random number generator failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not build the serial number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not encode the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo certificate authority needs a start date and at least one year of validity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the CA certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set the CA&apos;s serial number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set the CA certificate&apos;s validity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not build the CA&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not build the CA certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the CA certificate&apos;s extensions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sign the CA certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A holder certificate needs the holder&apos;s name and unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A holder certificate needs a start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set the serial number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set the certificate&apos;s validity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not build the subject name for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not build the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the certificate&apos;s extensions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sign the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not a DER-encoded X.509 certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The certificate is followed by %n stray byte(s).</source>
        <translation>
            <numerusform>The certificate is followed by %n stray byte.</numerusform>
            <numerusform>The certificate is followed by %n stray bytes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the certificate&apos;s serial number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the certificate&apos;s validity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a serial number in hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo CA&apos;s certificate is not a PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo CA&apos;s private key is not an unencrypted PEM key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo CA&apos;s private key does not belong to its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo CA&apos;s certificate is not a CA certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an http or https URL without commas or spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CRL needs a this-update time before its next-update time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CRL number cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the CRL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set the CRL&apos;s update times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a CRL reason code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revocation of %1 has no time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add %1 to the CRL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sort the CRL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set the CRL number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the CRL&apos;s authority key identifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sign the CRL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not encode the CRL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoCommands</name>
    <message>
        <source>Fill an empty database with demo data for Kabupaten Natuna.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed; the same seed gives the same data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many holders (%1 to 100000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill an empty database with realistic demo data: holders over Natuna&apos;s offices, terms of office, certificates from a demo CA, accounts, and requests in every state. Refuses a database that already has holders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--seed needs a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--holders needs a number from %1 to 100000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeded %1 holders, %2 terms of office, %3 certificates, %4 requests and %5 accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo accounts (shown once):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue the certificates with the CA kept in DIR as the AMS simulator keeps it (ca.pem, ca-key.pem), creating it there when absent; start the simulator with --data DIR to serve them (default: a fresh CA that is thrown away).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL of the AMS simulator put into every certificate: URL/ocsp, URL/crl/ca.crl and URL/ca.crt (default: fixed URLs under http://127.0.0.1:8080 that nothing serves).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--authority-dir needs a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--public-url needs an http or https URL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoDataSeeder</name>
    <message>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The register already holds %n holder(s); demo data is only seeded into an empty database.</source>
        <translation>
            <numerusform>The register already holds %n holder; demo data is only seeded into an empty database.</numerusform>
            <numerusform>The register already holds %n holders; demo data is only seeded into an empty database.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo register has no holder left for a request in the state %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo register has no official to file for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A demo request ended as %1 instead of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo needs at least %1 holders to show a request in every state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A revoked demo request has no certificate to prove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write a demo CRL to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo CRL does not show certificate %1 as revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo&apos;s emblem is not built into this program.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HolderCommands</name>
    <message>
        <source>NIK or NIP prefix, or part of the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most N rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the first N rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List certificate holders by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s NIK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one holder with their terms of office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holders show takes one NIK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK: %1  NIP: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail: %1  AMS user name: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employment status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms of office:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The register of certificate holders and their terms of office.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HolderRepository</name>
    <message>
        <source>The holder&apos;s full name is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s unit (perangkat daerah) is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown employment status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A holder with NIK %1 or NIP %2 is already registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A term of office needs a position and a unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A term of office needs a start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A term of office cannot end before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No holder has NIK %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no holder with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdentityNumbers</name>
    <message numerus="yes">
        <source>A NIK has exactly 16 digits (this one has %n).</source>
        <translation>
            <numerusform>A NIK has exactly 16 digits (this one has %n).</numerusform>
            <numerusform>A NIK has exactly 16 digits (this one has %n).</numerusform>
        </translation>
    </message>
    <message>
        <source>The NIK starts with %1, which is no province code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NIK&apos;s digits 7 to 12 are not a date of birth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NIK&apos;s last four digits cannot be 0000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A NIP has exactly 18 digits (this one has %n).</source>
        <translation>
            <numerusform>A NIP has exactly 18 digits (this one has %n).</numerusform>
            <numerusform>A NIP has exactly 18 digits (this one has %n).</numerusform>
        </translation>
    </message>
    <message>
        <source>The NIP&apos;s first 8 digits are not a date of birth (yyyymmdd).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NIP&apos;s digits 9 to 14 are not a month of appointment after the 15th birthday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NIP&apos;s 15th digit must be 1 (male) or 2 (female).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobLock</name>
    <message>
        <source>Cannot create the %1 lock file beside %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskFilings</name>
    <message>
        <source>NIK and e-mail do not match the register.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was refused: a value is missing or not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskIntake</name>
    <message>
        <source>The kiosk filing names an unknown reason %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk filing %1 was taken in by another desk meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalFile</name>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a regular file (a folder, a pipe or a device); give a file.</source>
    </message>
    <message>
        <source>%1 exists and is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailCommands</name>
    <message>
        <source>The recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the message: id or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test message now with the mail/ settings, without the outbox, and show the server&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail test needs --to ADDRESS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--language must be id or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1 through %2:%3; the server said: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only rows in this state: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the outbox with each row&apos;s state, attempts and last error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--state must be one of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send every e-mail that is due; rows interrupted by a crash are sent again first. Exits with 1 when any e-mail was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 e-mail(s) interrupted by a crash were queued again with their Message-ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1, to retry later %2, failed %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail(s) were not sent; see mail list.</source>
        <translation>
            <numerusform>%n e-mail was not sent; see mail list.</numerusform>
            <numerusform>%n e-mails were not sent; see mail list.</numerusform>
        </translation>
    </message>
    <message>
        <source>The outbox row&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue a failed e-mail again, due now (with its Message-ID); mail flush sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail resend takes one outbox id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail %1 to %2 is queued again; mail flush sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail to applicants: the outbox, sending what is due, a test message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailMessage</name>
    <message>
        <source>&quot;%1&quot; is not an e-mail address the desk can send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has no recipient.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailSettings</name>
    <message>
        <source>No SMTP server is set: set mail/host (see docs/mail.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP settings are not usable: mail/port must be 1 to 65535 and mail/security one of none, starttls, tls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the sender&apos;s address (mail/senderAddress) to send e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail/timeoutSeconds must be more than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk does not send mail in plain text to %1, which is not this computer: set mail/security to starttls or tls (none is only for a relay on loopback).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>Migration %1 (%2) failed; the database was left at the version before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is at schema version %1 but this program needs %2: run `revocation-desk-cli db migrate` first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is at schema version %1, newer than this program knows (%2): update Revocation Desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationComposer</name>
    <message>
        <source>The e-mail template %1 (%2) is missing from the program.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumberOption</name>
    <message>
        <source>%1 needs a whole number from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficeSettings</name>
    <message>
        <source>Only an administrator changes the office&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a setting of the office; known: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on or off: give true or false, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The emblem must be a PNG or JPEG image; this file is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The emblem must be at most %1 KB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk&apos;s exit PIN must be %1 to %2 digits (0-9), nothing else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PIN to leave the kiosk is set; an administrator sets one with config set kiosk/exitPin.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>There is no e-mail with id %1 in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted while sending (attempt started %1); sent again with the same Message-ID, so the recipient may get it twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gave up after %1 attempts; the last: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail %1 was already sent (%2); it is not sent twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail %1 is being sent right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail %1 is no longer %2, so it was not marked %3; another worker or an operator changed it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a logged-in member of staff sends an e-mail again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxWorker</name>
    <message>
        <source>Another outbox worker (mail flush) is sending for this database; try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail %1 to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recipient address is not one the desk can send to; correct the request&apos;s e-mail address and queue it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail %1: %2</source>
    </message>
    <message>
        <source>This database holds demo data, so its e-mails are sent only to an SMTP server on this machine (localhost, 127.0.0.1 or ::1), never to %1: demo addresses are made up and must not reach a real mail server. Nothing was sent; the e-mails stay in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displays help on commandline options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displays version information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown option &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown options: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing value after &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected value after &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestCommands</name>
    <message>
        <source>Only requests in this state (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number, NIK or NIP prefix, or part of the holder&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most N rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest first (default: newest first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List revocation requests, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown state &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number (SE/2026/11/0001) or #id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one request with its SOP steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests show takes one agenda number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 (#%2), %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without agenda number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder: %1, NIK %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1 (CRL reason %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed on the holder&apos;s behalf by %1 (NIP %2), %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate serial: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time per SOP step (actual / standard minutes):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s NIK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason in the applicant&apos;s words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial (hex) of the holder&apos;s certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date the reason took effect (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official filing on the holder&apos;s behalf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The official&apos;s NIP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The official&apos;s position.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the applicant is told the outcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant&apos;s language, id or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File a revocation request and give it its agenda number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests file needs --holder and --reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown reason &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--effective-date must be YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no certificate with serial %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number or #id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason or note (required to reject, cancel, ask for documents or record a failure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AMS reference of the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse if the request changed since this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move a request one step along the SOP, with its step event and audit entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests apply takes an agenda number and an action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown action &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--expect-version needs a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation requests: the queue, one request&apos;s steps, filing with its files, moving a request along the SOP, and taking in what kiosks filed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take in what kiosks filed through the database function (PostgreSQL): each filing becomes a request with its agenda number, in the kiosk&apos;s name; a filing the rules refuse is marked refused with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests intake takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No kiosk filing is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 filed as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file to attach, as KIND=FILE (KIND: %1); PDF, JPEG or PNG, at most attachments/maxBytes (1 MB unless set). Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--attach takes KIND=FILE with KIND one of %1; &quot;%2&quot; is not that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List a request&apos;s files: number, kind, name, type, size and SHA-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 has no files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s number (requests attachments).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to write it; must not exist yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write one of a request&apos;s files to disk, checked against its SHA-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests attachment takes an agenda number and a file number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests attachment needs --out FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already; the file is not written over. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (%2 bytes, SHA-256 checked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files to a filed request: the applicant while it is filed or needs completion, staff until it is over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests attach takes an agenda number and KIND=FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a filed request for verification (SOP step 6); nobody else works it then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every item of the checklist passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An item that failed, with an optional note for the applicant (repeatable; the others passed). Items: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the data check of SOP step 6 (Hasil Verifikasi Data): all passed moves the request to verified; a failed item to needs completion, with an e-mail to the applicant listing what is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests verify needs either --all-passed or --failed ITEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an item of this request&apos;s checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what the steps found and kept: the checklist, the DN report, the proof.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No step of %1 has recorded a result yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate as a file (PEM, DER or PKCS#7); without it, the one the request names in the register.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why a certificate that needs review is the holder&apos;s; kept with the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match the certificate&apos;s subject with the holder (SOP step 7) and keep the report. Exit 0 matched, 3 mismatch (kept; the request stays verified), 4 needs review without a justification (nothing kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is not the holder&apos;s: the report is kept and the request stays verified. Find the holder&apos;s own certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate needs review: look at the report and, if it is the holder&apos;s, run this again with --justification TEXT. Nothing was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes one agenda number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a step of the workflow: use `%2`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--wait needs a number of seconds from 0 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the call to AMS and seek the proof for up to this long (0 to 3600; default 0: queue it for the worker).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS cannot be reached from here (%1); the worker sends the call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revocation of %1 failed: %2. `requests revoke %1` sends the same call again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 waits for a supervisor&apos;s approval: `requests approve %1`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoke it in AMS&apos;s pages, then `requests revoke %1 --ams-reference REF`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1: %2. The worker carries it on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal backend: AMS&apos;s reference of the revocation you made in AMS&apos;s pages, as AMS shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve a revocation another person asked for (dual control; supervisor): the call to AMS is queued. Exit 0 revoked with proof, 4 still on its way when the wait ends, 1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the certificate (SOP step 8): the call to AMS is queued with the state change and sent once, by this command while --wait lasts or by the worker; then the proof is sought (OCSP, then the CRL). Under dual control it asks a supervisor first. After a failure it sends the same call again. Exit 0 revoked with proof, 4 still on its way when the wait ends, 1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the applicant the certificate is revoked (SOP step 9): the e-mail, with the proof, is queued in the outbox with the state change; the worker or `mail flush` sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close a request whose applicant was told (SOP step 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS reference: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>AMS %1: %2, %n attempt(s)</source>
        <translation>
            <numerusform>AMS %1: %2, %n attempt</numerusform>
            <numerusform>AMS %1: %2, %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AMS lists %n active certificate(s) of this holder (%1); give the one to revoke with --certificate FILE.</source>
        <translation>
            <numerusform>AMS lists %n active certificate of this holder (%1); give the one to revoke with --certificate FILE.</numerusform>
            <numerusform>AMS lists %n active certificates of this holder (%1); give the one to revoke with --certificate FILE.</numerusform>
        </translation>
    </message>
    <message>
        <source>AMS does not list the certificate %1 for this holder (it lists: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the certificate from AMS&apos;s list of the holder&apos;s certificates (rest backend): the one with the request&apos;s serial, or the holder&apos;s only active one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --certificate FILE or --from-ams, not both.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestLifecycle</name>
    <message>
        <source>Choose the certificate holder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown filing channel %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant&apos;s language must be id or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the name of the official filing on the holder&apos;s behalf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The official&apos;s NIP must have 18 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deceased holder cannot file: the superior files on their behalf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain the reason when it is &quot;Other&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That certificate does not belong to this holder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no revocation request with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 has an unknown state %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 was changed on another workstation; reload it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 is already being verified by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request that is &quot;%1&quot; cannot take the step &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 was just claimed by another operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant&apos;s e-mail address must be one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 is revoked only through the AMS queue (requests revoke, or the workbench), so that AMS revokes it once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS has not confirmed the revocation of request %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 has no proof of revocation from OCSP or a CRL yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say how the official stands to the holder in at most 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestPermissions</name>
    <message>
        <source>Only staff can do this at a workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has no role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 was claimed by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dual control is on: a supervisor must approve request %1 before it is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a supervisor can approve a revocation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person who asked for approval cannot also give it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a logged-in operator, supervisor or administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The background worker only records what AMS and the status services answered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestStates</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked, awaiting proof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant notified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claim for verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for missing documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmit with completed documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data and documents verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate matches the holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask a supervisor to approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked in AMS, awaiting proof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry the revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation sent to AMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke in AMS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevocationDesk</name>
    <message>
        <source>Revocation Desk: the workstation for revoking electronic certificates (Layanan Pencabutan Sertifikat Elektronik).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database, sqlite:PATH or postgresql://user@host:port/dbname. Default: REVOCATION_DESK_DATABASE, then the setting database/url, then the file in the data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the window, id or en. Default: the setting ui/language, then the system&apos;s language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id|en</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the operator workbench (the default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the applicant kiosk: a full-screen guided request for the public, without a login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown language %1: use id or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose either --kiosk or --workbench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument %1; see --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the applicant kiosk: a full-screen guided request for the public, without a login. Ctrl+Alt+Q and the operator&apos;s PIN (kiosk/exitPin) leave it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --kiosk: in a window instead of full screen (for a demonstration beside the workbench).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --kiosk: render every page of the kiosk in both languages to PNG files in DIR and exit. Needs an SQLite database, which is copied first and left unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--windowed and --screenshot go with --kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevocationProof</name>
    <message>
        <source>CRL number %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRL at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCSP responder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 is revoked since %2, according to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by %1; this update %2, next update %3; checked %4 (%5 ms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A relying party holding the previous answer may trust the certificate until %1 at the latest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevocationReasons</name>
    <message>
        <source>Retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key compromised or device lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder has retired; the superior files with the pension decree (SK pensiun) attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder has died; the superior files with the death certificate attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder was dismissed; the superior files with the dismissal decree attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder moved to another position or agency; the certificate names the old affiliation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data in the certificate (name, e-mail, unit) is no longer correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new certificate replaces this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key or passphrase may be known to someone else, or the device holding it was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another reason, explained in the statement letter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevocationRequestRepository</name>
    <message>
        <source>%1 is not a request number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request has agenda number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no revocation request with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevocationStatus</name>
    <message>
        <source>CRL %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCSP responder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 is not revoked, according to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 was revoked on %2, according to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 was revoked on %2 (reason: %3), according to %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 is unknown to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer of %1, valid until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer of %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevocationStep</name>
    <message>
        <source>Request %1 is &quot;%2&quot;, not awaiting a supervisor&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give AMS&apos;s reference for the revocation as AMS shows it (at most 100 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a logged-in operator, supervisor or administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 has no revocation waiting for AMS&apos;s pages: revoke it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: filed in AMS as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: AMS revoked it (%2); proof sought next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS refused the filing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS refused the revocation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proof is about certificate %1, not %2 of request %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 is &quot;%2&quot;, not waiting for AMS&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevocationWorkflow</name>
    <message>
        <source>&quot;%1&quot; is not an item of this request&apos;s checklist (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item %1 is answered twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note on %1 is longer than 500 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every item of the checklist needs an answer; still open: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 names no certificate of the register; give the certificate as a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The register has the serial %1 but not the certificate itself; give the certificate as a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The justification is longer than 1000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a logged-in operator, supervisor or administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1 is &quot;%2&quot;; its certificate is matched once it is verified.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretCommands</name>
    <message>
        <source>set in the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keychain unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say where each secret is found (never its value): environment, keychain, or nowhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give one secret name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown secret &quot;%1&quot;; the known ones are %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords and tokens in the system keychain (SMTP, AMS, Esign). Values are read from the terminal without echo, or from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a secret in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a secret from the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value of %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was given for %1; the keychain is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kept in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1 is set in the environment and wins over the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The system keychain could not be used for &quot;%1&quot;. On a computer without a keychain, set the secret in the environment instead (see docs/install.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain could not be used for &quot;%1&quot; and %2 is not set. Set %2 on a computer without a keychain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsCatalog</name>
    <message>
        <source>The value must be one line of text of at most 256 characters, without control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be one of %2, not &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on or off: give true or false, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an https:// address (http:// only to a simulator on this computer: 127.0.0.1, ::1 or localhost), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must name a readable file of PEM CA certificates; &quot;%2&quot; is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail/security none sends mail in plain text, which the desk does only to a relay on this computer; mail/host is %1. Use starttls or tls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail/host must be a host name or an IP address, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail/senderAddress must be one e-mail address (name@domain), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database/url must not hold a password: give it in PGPASSWORD or with --database, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>office/timeZone must be a time zone this computer knows, such as Asia/Jakarta; &quot;%1&quot; is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A revocation needs a supervisor&apos;s approval first, given by someone other than who asked for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database holds demo data: its mail goes only to a server on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database: sqlite:PATH or postgresql://user@host:port/name (--database and REVOCATION_DESK_DATABASE come first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the windows and messages: id or en; unset follows the system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office&apos;s time zone, for office hours and the times shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The largest file a request takes, in bytes (AMS takes at most 1 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CAs whose certificates this office revokes (RFC 4514 names; give each as one value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the desk reaches AMS: rest (its API) or portal (the operator works in AMS&apos;s web page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS&apos;s address (https://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s account at AMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PEM file of CA certificates trusted for AMS and Esign besides the system&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long one call to AMS or Esign may take, in milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often a call to AMS is tried before it counts as failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Esign Client Service&apos;s address (https://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Esign API version: v1 or v2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s account at Esign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server that sends the mail to applicants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server&apos;s port (default by mail/security: 587, 465, 25).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the mail is protected on the way: starttls, tls, or none (only to a relay on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account at the SMTP server; unset: no log-in (its password: secrets set smtp/password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address the mail comes from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name the mail comes from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PEM file of CA certificates trusted for the SMTP server besides the system&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the SMTP server&apos;s certificate (false is unsafe: anyone on the way could read the mail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long each step of the SMTP conversation may take, in seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use: revocation-desk-cli secrets set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revocation-desk-cli secrets list names the secrets the desk uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a secret, not a setting: passwords, tokens and keys never go into the settings. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes one value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty value is not a setting; config unset %1 goes back to the default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file %1 could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>office/emblem is the path of a PNG or JPEG file; &quot;%1&quot; cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The letterhead&apos;s first line: the government, such as PEMERINTAH KABUPATEN NATUNA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The letterhead&apos;s second line: the office, such as DINAS KOMUNIKASI DAN INFORMATIKA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office&apos;s address, on the letterhead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office&apos;s telephone, on the letterhead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office&apos;s web site, on the letterhead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office&apos;s e-mail, on the letterhead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The place letters are dated from, such as Ranai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head of the office as letters address them, such as Kepala Dinas Komunikasi dan Informatika Kabupaten Natuna.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive classification code printed on control cards (Kode); empty leaves the box to be filled by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The emblem on the letterhead: give the path of a PNG or JPEG file of at most 512 KB; it is kept in the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper of this workstation&apos;s receipt printer: a6, or roll80 for an 80 mm receipt roll.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a folder this account can write to, or empty; &quot;%2&quot; is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN (6 to 12 digits) an operator types to leave the kiosk&apos;s full screen; kept as an Argon2id hash and shown only as set or not set. Without it the kiosk cannot be left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the applicant kiosk prints: empty for the system&apos;s default printer, or a folder for the papers as PDF files (a kiosk without a printer).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SmtpClient</name>
    <message>
        <source>The SMTP server %1 did not answer within %2 seconds (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not talk to the SMTP server %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server refused %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server sent a reply that is too long (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server&apos;s reply makes no sense (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server&apos;s multi-line reply changed its code (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file %1 (mail/caFile) holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server %1 is not trusted: %2. Give its CA in mail/caFile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server %1 does not offer STARTTLS; the desk does not send mail in plain text unless mail/security is none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server sent data after STARTTLS; refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk does not send the SMTP password in plain text: set mail/security to starttls or tls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server offers neither AUTH PLAIN nor AUTH LOGIN (it offers: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no AUTH at all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMTP server refused the user name or password for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is %1 bytes but the SMTP server takes at most %2 bytes (SIZE); it was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StringPreparation</name>
    <message>
        <source>The Unicode normaliser is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text could not be normalised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text holds the character U+%1, which cannot be compared.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Totp</name>
    <message>
        <source>The one-time code secret is not base32 (letters A-Z and digits 2-7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The one-time code secret is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrustedIssuers</name>
    <message>
        <source>The trusted issuer &quot;%1&quot; in %2 is not a distinguished name: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no &quot;=&quot; between type and value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known attribute type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; ends with a lone backslash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a quotation mark that is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; ends with a separator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserAccounts</name>
    <message>
        <source>A password needs at least 10 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password may have at most 256 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user name has 2 to 32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, and starts with a letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s random number generator failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be hashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the person&apos;s full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role must be operator, supervisor or administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or password is wrong, or the account is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator adds accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator disables accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator sets another person&apos;s password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The account %1 is locked after too many failed log-ins; try again in %n minute(s).</source>
        <translation>
            <numerusform>The account %1 is locked after too many failed log-ins; try again in %n minute.</numerusform>
            <numerusform>The account %1 is locked after too many failed log-ins; try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The first account must be an administrator, who then adds the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database has accounts: only an administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message>
        <source>The account&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes one user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workstation accounts (operator, supervisor, administrator). Passwords are read from the terminal without echo, or from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator, supervisor or administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an account; the password is asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>users add needs --name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password given, or the two did not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable an account; its history stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkerCommand</name>
    <message>
        <source>The background worker: sends the AMS queue, records AMS&apos;s answers, seeks the proofs of revocations and sends the outbox; one job per database at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One pass, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds between passes (1 to 3600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the background worker until stopped (Ctrl+C, or SIGTERM from systemd): each pass sends the AMS calls that are due (rest backend), records AMS&apos;s answers on the requests, seeks the proof of each revocation AMS confirmed (OCSP, then the CRL, with back-off) and sends the outbox. Every workstation may run one: each job is done by one worker at a time per database. One line an action.
Exit status with --once: 0 when nothing went wrong, 1 otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--interval needs a number of seconds from 1 to 3600.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS calls are not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outbox is not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::AmsHttpClient</name>
    <message>
        <source>The CA bundle %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached right now. Your request is kept and will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached right now; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: its certificate is not trusted or does not match the address. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address of %1 (%2) is plain http:// to another computer, where anyone on the network could read the password; use https://. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent an answer larger than %2 MiB; it was not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 redirected the request to another address (%2); the desk does not send credentials there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::AmsOperationRunner</name>
    <message>
        <source>The AMS operation &quot;%1&quot; is done by a person in the AMS pages, not sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::EsignStatusClient</name>
    <message>
        <source>The Esign service answered, but not as expected (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Esign service refused the user name or password (settings esign/username, secret esign/password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Esign service reported a failure (HTTP %1); try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no status_code and no status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown status &quot;%1&quot; with code %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Esign service has no profile for this NIK: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data.sertifikat list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>berlaku_sampai &quot;%1&quot; is not dd-mm-YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Esign v1 API asks by NIK only; set esign/api to v2 to ask by e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskFilerPage</name>
    <message>
        <source>Type the official&apos;s NIP (18 digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the name of the official who files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the official&apos;s position, e.g. Head of the Office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the e-mail address where the outcome is to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not an e-mail address; check it, e.g. name@natunakab.go.id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who files the request?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is filed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder, in person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An official on the holder&apos;s behalf (the superior or the head of the office)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deceased holder cannot file: the superior or the head of the office files on their behalf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a retired or dismissed holder, the superior or the head of the office usually files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official&apos;s NIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official&apos;s position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name, with titles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail for the outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome of the request is sent to this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the holder retired, died or was dismissed, the superior or the head of the office files, with the decree (SK) or the death certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationship to the holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct superior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of the office (kepala perangkat daerah)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of personnel (kepegawaian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family of a deceased holder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskIdentityPage</name>
    <message>
        <source>Type the holder&apos;s NIK (16 digits, on the identity card).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the holder&apos;s official e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK and e-mail do not match our register; ask the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The register cannot be read just now. Please try again in a moment, or ask the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NIK and e-mail belong to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is this the certificate holder? Press &quot;%1&quot; to continue. If not, correct the NIK or the e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose certificate is to be revoked?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here you ask for an electronic certificate to be revoked. First tell us whose certificate it is: the holder&apos;s NIK and the official e-mail address the office has registered for the holder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder&apos;s NIK (16 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder&apos;s official e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. name@natunakab.go.id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskPage</name>
    <message>
        <source>Electronic certificate revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskReasonPage</name>
    <message>
        <source>Choose the reason from the list: what it means is explained here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain the reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes for the operator (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the reason for the revocation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain the reason: it is required for &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the certificate to be revoked?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day the reason took effect, e.g. the day of retirement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. the laptop with the certificate was stolen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskReceiptPage</name>
    <message>
        <source>An operator checks the data and the documents, and then the certificate itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When everything is in order, the operator revokes the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An e-mail in %1 goes to %2 when the certificate has been revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the agenda number: the operator asks for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request has been filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the filing number: the operator asks for it and gives the request its agenda number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filing number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending your request to AMS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request is also filed in AMS, number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS could not be reached just now. Your request is kept here, and the officer files it in AMS for you: there is nothing more you need to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The officer files your request in AMS: there is nothing more you need to do there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your receipt is being printed: take it with you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt could not be printed (%1). Write the number down, or ask the officer for a copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An e-mail in %1 goes to %2 when the certificate has been revoked, normally within one working day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskSummaryPage</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 (NIP %3), on the holder&apos;s behalf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder, in person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pension decree (SK pensiun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dismissal decree (SK pemberhentian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transfer decree (SK mutasi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the death certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After you file, an operator checks the data and the documents at the counter before the certificate is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have %1 ready for the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the statement to file the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be stored just now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be filed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing you entered is lost: press &quot;%1&quot; to try again, or ask the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check and file the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is what will be filed. To change something, go back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I state that the holder stops using this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskWizard</name>
    <message>
        <source>Cancel the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this request? Everything entered so far is cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, cancel and clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No, continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic certificate revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the kiosk in Indonesian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the kiosk in English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk has no printer. Ask the officer at the counter to print it for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this visit? The draft stays saved under the resume code on the letter; everything else is cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts at this kiosk. Please wait %n minute(s) and try again, or ask the officer at the counter.</source>
        <translation>
            <numerusform>Too many attempts at this kiosk. Please wait %n minute and try again, or ask the officer at the counter.</numerusform>
            <numerusform>Too many attempts at this kiosk. Please wait %n minutes and try again, or ask the officer at the counter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts at this kiosk. Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many attempts at this kiosk. Please wait %n second and try again.</numerusform>
            <numerusform>Too many attempts at this kiosk. Please wait %n seconds and try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::OcspClient</name>
    <message>
        <source>Certificate %1 was not issued by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not build the OCSP request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add a nonce to the OCSP request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not encode the OCSP request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer from %1 is not an OCSP response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP responder %1 refused to answer: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 holds no basic response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the OCSP signature check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 is not signed by %2 or by a responder it authorised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 carries another request&apos;s nonce: it may be a replayed answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 has a nonce that does not fit the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 does not answer for certificate %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 has unreadable update times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 is dated %2, in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 is stale: it was valid until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 expires before it was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP response from %1 is stale: it dates from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1 names no OCSP responder; give one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an http or https URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer from %1 is larger than %2 KiB, more than an OCSP response can be; it was not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The OCSP responder %1 did not answer within %n second(s).</source>
        <translation>
            <numerusform>The OCSP responder %1 did not answer within %n second.</numerusform>
            <numerusform>The OCSP responder %1 did not answer within %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not reach the OCSP responder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OCSP responder %1 answered with HTTP status %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::PortalAmsGateway</name>
    <message>
        <source>The setting ams/url is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The browser could not be opened; open %1 by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the request number that AMS shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome is revoked, rejected or pending, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claimed by the operator; awaiting OCSP or CRL proof.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a portal revocation is confirmed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status is about serial %1, not the request&apos;s certificate %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 says %2 at %3: not revoked yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::ProofSeeker</name>
    <message>
        <source>Certificate %1 names no http(s) address of its issuer&apos;s certificate (caIssuers), so its status cannot be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not fetch the issuer&apos;s certificate from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not give a certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate at %1 did not sign certificate %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::RequestDetailsDialog</name>
    <message>
        <source>Request details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate serial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the applicant&apos;s words:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant&apos;s e-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant&apos;s language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for closing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last changed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOP s&amp;teps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ime against standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet (draft #%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not chosen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, NIP %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (on the holder&apos;s behalf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over by %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recorded steps took %1 min against a standard of %2 min.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Papers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::RequestQueueModel</name>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft #%1: an agenda number is given when it is submitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
NIK %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 office time (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No operator has claimed this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claimed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the request was filed, in office time (%1). Click to show the newest or the oldest requests first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to show the newest or the oldest requests first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is ordered by filing; this column cannot be sorted. Use the state filter and the search instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::RestAmsGateway</name>
    <message>
        <source>AMS answered, but not with the JSON this program expects (%1). Nothing is taken as done; the request stays as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS reported a failure of its own (HTTP %1) and did not answer in JSON. Your request is kept and will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS reported a failure of its own (HTTP %1) and did not answer in JSON; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 without a JSON error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS refused the user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS refused the one-time code. Wait for the next code and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS wants a log-in first (the session is missing or expired).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS does not allow this: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS does not know it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS reported a failure of its own: %1. Your request is kept and will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS reported a failure of its own: %1. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no &quot;status&quot; in the health answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no token in the log-in answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to AMS first: there is no session, and no one-time code secret to log in with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no &quot;certificates&quot; list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement letter is larger than AMS accepts (1 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement letter must be a PDF file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request to AMS that changes state needs an idempotency key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no &quot;requests&quot; list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a certificate without serial, subject, validity or a known status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a request without id, serial or a known status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This needs the rest backend (setting ams/backend = rest); with the portal backend AMS is used in its web pages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting ams/url is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS does not allow this account to do this: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::RevocationStatusChecker</name>
    <message>
        <source>Certificate %1 names neither an OCSP responder nor an http CRL distribution point; give one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No source could tell the certificate&apos;s status. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRL at %1 is larger than %2 MiB, more than is downloaded; it was not read. Give a larger CRL as a file with --crl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The CRL at %1 did not arrive within %n second(s).</source>
        <translation>
            <numerusform>The CRL at %1 did not arrive within %n second.</numerusform>
            <numerusform>The CRL at %1 did not arrive within %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not download the CRL at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (asked: %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::WorkbenchWindow</name>
    <message>
        <source>Revocation Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the requests in this state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An agenda number (SE/2026/11/0001), the first digits of a NIK or NIP, or part of the holder&apos;s name (three letters or more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number, NIK or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter or double-click a request to see its details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the search field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected request&apos;s details, steps and times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the queue and the state counts again from the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Revocation Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request queue could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of requests per state could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln request</numerusform>
            <numerusform>%Ln requests</numerusform>
        </translation>
    </message>
    <message>
        <source>The request could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Revocation Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Revocation Desk %1&lt;/h3&gt;&lt;p&gt;Layanan Pencabutan Sertifikat Elektronik: the regency&apos;s procedure for revoking an electronic certificate, from the applicant&apos;s request to the notice that it was revoked.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What kiosks filed could not be taken in: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::WorkflowWorker</name>
    <message>
        <source>AMS answers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another worker is draining the AMS queue of this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS queue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS call %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS call %1 (%2, request %3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another worker is seeking the proofs of this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proofs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no certificate to check: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: revoked, proven by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the proof could not be stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not yet shown as revoked (%2); again at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n e-mail(s) sent</source>
        <translation>
            <numerusform>Outbox: %n e-mail sent</numerusform>
            <numerusform>Outbox: %n e-mails sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaperComposer</name>
    <message>
        <source>%1 has no data verification on record yet (SOP steps 6 and 7): there is no result to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a paper&apos;s code: give the text of its QR code, or the code printed beside it (at least 16 hexadecimal digits).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaperKinds</name>
    <message>
        <source>Statement letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data verification result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disposition sheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaperLanguage</name>
    <message>
        <source>Papers are printed in id (Indonesian) or en (English), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Indonesian texts of the papers are not built into this program.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaperRenderer</name>
    <message>
        <source>Papers are drawn by a program with QtGui&apos;s fonts (a QGuiApplication).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The papers are printed in DejaVu Sans, which is not installed in %1 (Debian&apos;s fonts-dejavu-core package).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper could not be drawn on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QrCode</name>
    <message>
        <source>The QR code could not be made (%1 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportCommands</name>
    <message>
        <source>Print a request&apos;s papers as PDF (statement letter, receipt, data verification result, control card, disposition sheet) and check a printed paper&apos;s code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id or en; by default the language the applicant chose (Indonesian unless English was chosen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s agenda number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the %1 of a request as a PDF: letterhead (office/* settings), the record&apos;s values, and on every page a QR code with the agenda number and a SHA-256 of what the paper says, which `report check` compares with the record. Needs an operator&apos;s log-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report %1 takes one agenda number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report %1 needs --out FILE.pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office&apos;s letterhead is not set (config set office/government, office/name, ...): the paper is printed without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 written to %3; its code is %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text of the paper&apos;s QR code, or the verification code printed beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say whether a printed paper&apos;s code still matches its request&apos;s record. Exit 0 when it matches one of the request&apos;s papers as the record stands now, 3 when it does not: the paper was printed before the record changed, belongs to another request, or was not printed by this office. Needs an operator&apos;s log-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report check takes an agenda number and a code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code matches the %1 of %2 as the record stands now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code does not match any paper of %1 as the record stands now: the paper was printed before the record changed, belongs to another request, or was not printed by this office.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::Paper</name>
    <message>
        <source>Agenda number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check: revocation-desk-cli report check %1 CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telephone %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the death certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pension decree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dismissal decree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transfer decree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the supporting decree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enclosure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request for Revocation of an Electronic Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Head of the Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as Registration Authority (RA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I, the undersigned:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acting for the holder of the certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request the revocation of this electronic certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In effect since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since that date the holder no longer uses this certificate. As evidence, %1 is attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since that date I no longer use this certificate and I agree to its revocation. I understand that a document signed with it after the revocation is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I make this statement truthfully, to be used as required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the holder&apos;s superior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The official filing,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECEIPT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request for revocation of an electronic certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An operator checks your data and documents, matches the certificate to the holder and has BSrE revoke it. When the revocation has taken effect, an e-mail goes to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this receipt and give the agenda number with any question about the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DATA VERIFICATION RESULT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request for revocation of an electronic certificate, agenda number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Data and documents (SOP step 6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked by %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. The certificate&apos;s subject against the register (SOP step 7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operator,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1 of 3: archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1 of 3: processor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1 of 3: control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONTROL CARD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request to revoke the electronic certificate of %1 (%2), reason: %3, in effect since %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In/Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enclosures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter date / number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DISPOSITION SHEET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter number / date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request for revocation of the electronic certificate of %1, reason: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments and advice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process further</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinate / confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forwarded to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initials and date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate examined: serial number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(given when the request is filed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume code %1: bring this letter, signed, back to the kiosk or the counter, and give this code to file the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationship to the holder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::PaperPreviewDialog</name>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskFiling</name>
    <message>
        <source>AMS listed a certificate without a readable copy of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate AMS sent is not the one it listed (serial %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No draft waits under this resume code and NIK. Check both, or ask the officer at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskScreenshots</name>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot needs an SQLite database (the demo&apos;s): it files a real request in a copy of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database has no holder with an e-mail and an active certificate: seed the demo first (revocation-desk-cli demo seed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk did not reach the page &quot;%1&quot; (it stays on page %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The letter was not printed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskAmsLogInPage</name>
    <message>
        <source>Logging in to AMS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your AMS user name, your password and the 6-digit code from the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS does not know this user name and password. Type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The one-time code was wrong or has expired. Wait for a new code in the app and type it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS cannot be reached just now. Try again in a moment, or go back and let an official file for you: the officer then files it in AMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to AMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in with your own BSrE AMS account, as on the AMS website. The password and the code go to AMS only: this kiosk does not keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-time code (6 digits, from the authenticator app)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskAmsSession</name>
    <message>
        <source>The applicant logs in to AMS at the kiosk only with the rest backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting ams/url is not set.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskAttachmentsPage</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No USB drive with PDF, JPEG or PNG files. Insert the drive, then press &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only files on the USB drive can be attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be shown: it may be damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed statement letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not attached yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach the scan of the signed statement letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach %1: it shows why the official files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach the signed documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert the USB drive with the scans (PDF, JPEG or PNG, at most 1 MB each). Choose a file, check it in the preview, then say what it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files on the USB drive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as the signed letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the chosen file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskCertificatePage</name>
    <message>
        <source>%1&apos;s certificate, valid from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not listed, or I do not know which: the operator finds it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking AMS for your certificates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As AMS lists them, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the office&apos;s register lists them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificates cannot be listed just now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMS lists no active certificate of yours: there is nothing to revoke. Ask the officer at the counter if you think this is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the certificate to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which certificate is to be revoked?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are the holder&apos;s certificates that are still valid. Choose the one to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskDraftSavedPage</name>
    <message>
        <source>Your request is saved: come back with the signed letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume code (also on the letter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the letter, and have the holder&apos;s superior sign it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan it as PDF, JPEG or PNG (at most 1 MB) onto a USB drive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Come back to this kiosk, choose &quot;I have a resume code&quot; and attach the scan; or hand the letter and the code to the officer at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is filed until then: the request is not in the queue yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskLetterPage</name>
    <message>
        <source>The letter cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement letter as it will print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed. Sign it and have the holder&apos;s superior sign it. Then press &quot;%1&quot; to attach the signed scan now, or &quot;%2&quot; to come back with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The letter cannot be made here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request needs a statement letter signed by the holder (or the official) and the holder&apos;s superior. Here it is, made from what you entered. Print it, or press &quot;%1&quot; if you brought a signed one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the statement letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and continue later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the request and continue later with the resume code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your resume code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskResumePage</name>
    <message>
        <source>The resume code and the NIK do not match a saved request. Check both, or ask the officer at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The register cannot be read just now. Please try again in a moment, or ask the officer at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a saved request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the resume code printed on the statement letter, and the holder&apos;s NIK. Then attach the scan of the signed letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume code (e.g. K7PQ-4MX2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder&apos;s NIK (16 digits)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskReviewPage</name>
    <message>
        <source>not chosen: the operator finds it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serial number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 (NIP %3), on the holder&apos;s behalf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationship to the holder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder, in person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: hand the signed letter to the officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pension decree (SK pensiun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dismissal decree (SK pemberhentian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transfer decree (SK mutasi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the death certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After you file, an operator checks the data and the documents before the certificate is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Have %1 ready for the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the statement to file the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be stored just now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be filed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing you entered is lost: press &quot;%1&quot; to try again, or ask the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check and file the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is what will be filed. To change something, go back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I state that the holder stops using this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskWelcomePage</name>
    <message>
        <source>Revoke an electronic certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here a certificate holder, or an official on the holder&apos;s behalf, asks the office to revoke an electronic certificate issued by BSrE: when the holder retires, dies, is dismissed or moves, when the data on it changed, or when the key may be in someone else&apos;s hands. The office checks the request, revokes the certificate and tells you by e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The holder&apos;s NIK (on the identity card) and the official e-mail address the office has for the holder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the holder files for themselves: the AMS user name and password, and the phone with the one-time code app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement letter, signed by the holder and the superior, scanned on a USB drive; or print it here and come back with it signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When an official files for a holder who retired, died or was dismissed: the decree (SK) or the death certificate, scanned on the USB drive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It takes about five minutes. Files: PDF, JPEG or PNG, at most 1 MB each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have a resume code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a saved request with its resume code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::KioskWindow</name>
    <message>
        <source>Leave the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Are you still there? The kiosk starts again in %n second(s) and clears everything entered. Touch the screen or press a key to continue.</source>
        <translation>
            <numerusform>Are you still there? The kiosk starts again in %n second and clears everything entered. Touch the screen or press a key to continue.</numerusform>
            <numerusform>Are you still there? The kiosk starts again in %n seconds and clears everything entered. Touch the screen or press a key to continue.</numerusform>
        </translation>
    </message>
</context>
</TS>
