<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AmsCommands</name>
    <message>
        <source>Give the holder&apos;s NIK with --nik.</source>
        <translation>Sebutkan NIK pemegang sertifikat dengan --nik.</translation>
    </message>
    <message>
        <source>The holder&apos;s NIK.</source>
        <translation>NIK pemegang sertifikat.</translation>
    </message>
    <message>
        <source>Ask by e-mail instead (Esign v2 only).</source>
        <translation>Tanyakan berdasarkan e-mail sebagai gantinya (hanya Esign v2).</translation>
    </message>
    <message>
        <source>Ask BSrE&apos;s Esign Client Service for a holder&apos;s certificate status (settings esign/url, esign/api, esign/username; secret esign/password).</source>
        <translation>Tanyakan status sertifikat seorang pemegang kepada Esign Client Service BSrE (pengaturan esign/url, esign/api, esign/username; rahasia esign/password).</translation>
    </message>
    <message>
        <source>Give either --nik or --email.</source>
        <translation>Sebutkan --nik atau --email, salah satu saja.</translation>
    </message>
    <message>
        <source>The setting esign/url is not set: the Esign Client Service&apos;s address is needed.</source>
        <translation>Pengaturan esign/url belum diisi: alamat Esign Client Service diperlukan.</translation>
    </message>
    <message>
        <source>The setting ams/url is not set.</source>
        <translation>Pengaturan ams/url belum diisi.</translation>
    </message>
    <message>
        <source>List a holder&apos;s certificates as AMS knows them (rest backend; settings ams/url, ams/username; secrets ams/password, ams/totp-secret or ams/token).</source>
        <translation>Tampilkan daftar sertifikat seorang pemegang sebagaimana tercatat di AMS (backend rest; pengaturan ams/url, ams/username; rahasia ams/password, ams/totp-secret atau ams/token).</translation>
    </message>
    <message>
        <source>AMS knows no certificate of this holder.</source>
        <translation>AMS tidak mencatat satu pun sertifikat milik pemegang ini.</translation>
    </message>
    <message>
        <source>Check that AMS answers: the health endpoint (rest) or the AMS page (portal).</source>
        <translation>Periksa apakah AMS menjawab: endpoint health (rest) atau halaman AMS (portal).</translation>
    </message>
    <message>
        <source>BSrE&apos;s AMS and Esign status: a holder&apos;s status, their certificates, reachability.</source>
        <translation>Status AMS dan Esign BSrE: status pemegang sertifikat, sertifikatnya, dan keterjangkauan layanan.</translation>
    </message>
</context>
<context>
    <name>AmsOperationQueue</name>
    <message>
        <source>There is no AMS operation %1.</source>
        <translation>Tidak ada operasi AMS %1.</translation>
    </message>
    <message>
        <source>Unknown AMS operation &quot;%1&quot;.</source>
        <translation>Operasi AMS &quot;%1&quot; tidak dikenal.</translation>
    </message>
    <message>
        <source>The AMS operation %1 is not open any more.</source>
        <translation>Operasi AMS %1 sudah tidak terbuka lagi.</translation>
    </message>
    <message>
        <source>The AMS operation %1 is %2 and not held by this runner, so it was not marked %3; another runner or a person changed it first.</source>
        <translation>Operasi AMS %1 berstatus %2 dan tidak dipegang oleh pengirim ini, sehingga tidak ditandai %3; pengirim lain atau petugas telah mengubahnya lebih dahulu.</translation>
    </message>
    <message>
        <source>The AMS operation %1 changed while it was queued again.</source>
        <translation>Operasi AMS %1 berubah ketika sedang diantrekan kembali.</translation>
    </message>
    <message>
        <source>The AMS operation %1 is being sent by another workstation (until %2 at the latest).</source>
        <translation>Operasi AMS %1 sedang dikirim oleh komputer kerja lain (paling lambat sampai %2).</translation>
    </message>
    <message>
        <source>The AMS operation %1 is not held by this runner any more; it was not queued for a retry.</source>
        <translation>Operasi AMS %1 tidak lagi dipegang oleh pengirim ini; operasi tersebut tidak diantrekan untuk dicoba ulang.</translation>
    </message>
</context>
<context>
    <name>AmsSettings</name>
    <message>
        <source>The setting ams/backend must be &quot;rest&quot; or &quot;portal&quot;, not &quot;%1&quot;.</source>
        <translation>Pengaturan ams/backend harus &quot;rest&quot; atau &quot;portal&quot;, bukan &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The setting esign/api must be &quot;v1&quot; or &quot;v2&quot;, not &quot;%1&quot;.</source>
        <translation>Pengaturan esign/api harus &quot;v1&quot; atau &quot;v2&quot;, bukan &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The setting %1 must be an https:// (or http://) address, not &quot;%2&quot;.</source>
        <translation>Pengaturan %1 harus berupa alamat https:// (atau http://), bukan &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The CA bundle in ams/caFile cannot be read: %1</source>
        <translation>Bundel CA di ams/caFile tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>The setting %1 is plain http:// to another computer (%2), where anyone on the network could read the password; use https:// (http:// is only for a simulator on this computer).</source>
        <translation>Pengaturan %1 berupa http:// biasa ke komputer lain (%2), sehingga siapa pun di jaringan dapat membaca kata sandi; gunakan https:// (http:// hanya untuk simulator pada komputer ini).</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>The setting %1 must be a whole number of bytes from 1 to %2; it is &quot;%3&quot;.</source>
        <translation>Pengaturan %1 harus berupa bilangan bulat byte dari 1 sampai %2; nilainya sekarang &quot;%3&quot;.</translation>
    </message>
</context>
<context>
    <name>AttachmentStore</name>
    <message>
        <source>statement letter</source>
        <translation>surat keterangan</translation>
    </message>
    <message>
        <source>decree (SK)</source>
        <translation>surat keputusan (SK)</translation>
    </message>
    <message>
        <source>death certificate</source>
        <translation>akta kematian</translation>
    </message>
    <message>
        <source>identity card</source>
        <translation>KTP</translation>
    </message>
    <message>
        <source>other document</source>
        <translation>dokumen lain</translation>
    </message>
    <message>
        <source>%1 is %2; a file may be at most %3 (AMS&apos;s limit, the setting attachments/maxBytes). Scan it at a lower resolution or split it.</source>
        <translation>%1 berukuran %2; sebuah berkas paling besar %3 (batas AMS, pengaturan attachments/maxBytes). Pindai dengan resolusi lebih rendah atau pecah berkasnya.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 tidak dapat dibaca.</translation>
    </message>
    <message numerus="yes">
        <source>A file&apos;s name must be given, without folders, in at most %n character(s).</source>
        <translation>
            <numerusform>Nama berkas harus diisi, tanpa folder, paling banyak %n karakter.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file&apos;s name contains control characters; rename the file.</source>
        <translation>Nama berkas mengandung karakter kendali; ganti nama berkasnya.</translation>
    </message>
    <message>
        <source>%1 is empty: attach the scanned or photographed document itself.</source>
        <translation>%1 kosong: lampirkan dokumen hasil pindaian atau fotonya.</translation>
    </message>
    <message>
        <source>%1 holds a private key. A key is never attached or sent to anyone; attach the signed letter instead, and tell the operator the key may have been exposed.</source>
        <translation>%1 berisi kunci privat. Kunci tidak pernah dilampirkan atau dikirim kepada siapa pun; lampirkan surat yang sudah ditandatangani, dan beri tahu operator bahwa kunci itu mungkin telah terbuka.</translation>
    </message>
    <message>
        <source>%1 is not a PDF, JPEG or PNG file (its content is %2); scan or save the document as one of those.</source>
        <translation>%1 bukan berkas PDF, JPEG, atau PNG (isinya %2); pindai atau simpan dokumen dalam salah satu format itu.</translation>
    </message>
    <message>
        <source>%1 is named as %2, but its content is %3; rename the file or save it again in the right format.</source>
        <translation>%1 dinamai sebagai %2, tetapi isinya %3; ganti nama berkas atau simpan ulang dalam format yang benar.</translation>
    </message>
    <message>
        <source>There is no request %1.</source>
        <translation>Tidak ada permohonan %1.</translation>
    </message>
    <message>
        <source>The request is %1; it takes no more files.</source>
        <translation>Permohonan berstatus %1; tidak menerima berkas lagi.</translation>
    </message>
    <message>
        <source>This account has no role.</source>
        <translation>Akun ini tidak memiliki peran.</translation>
    </message>
    <message>
        <source>The request is being handled (%1); only staff may add files now.</source>
        <translation>Permohonan sedang ditangani (%1); kini hanya petugas yang boleh menambahkan berkas.</translation>
    </message>
    <message>
        <source>The request has no attachment %1.</source>
        <translation>Permohonan tidak memiliki lampiran %1.</translation>
    </message>
    <message>
        <source>Attachment %1 no longer matches the SHA-256 it was stored with; it was changed in the database.</source>
        <translation>Lampiran %1 tidak lagi cocok dengan SHA-256 saat disimpan; isinya telah diubah di basis data.</translation>
    </message>
</context>
<context>
    <name>AuditCommands</name>
    <message>
        <source>audit verify takes no arguments.</source>
        <translation>audit verify tidak menerima argumen.</translation>
    </message>
    <message>
        <source>The audit chain is broken at entry %1 (%2): %3</source>
        <translation>Rantai audit terputus pada entri %1 (%2): %3</translation>
    </message>
    <message>
        <source>Prove the audit log&apos;s hash chain whole, or name the first entry that was changed, removed or inserted; reseal a reviewed head (administrator).</source>
        <translation>Buktikan bahwa rantai hash log audit utuh, atau sebutkan entri pertama yang diubah, dihapus, atau disisipkan; segel ulang kepala rantai yang telah ditinjau (administrator).</translation>
    </message>
    <message>
        <source>Recompute the audit log&apos;s hash chain and check its signed checkpoint. Exit 0 when whole and signed, 3 naming the first entry that was changed, removed or inserted (or a checkpoint that is missing, unsigned or wrongly signed), 4 when the chain is whole but no audit key was at hand to check the signature.</source>
        <translation>Hitung ulang rantai hash log audit dan periksa tanda tangan titik periksanya. Keluar dengan kode 0 jika utuh dan bertanda tangan, 3 dengan menyebutkan entri pertama yang diubah, dihapus, atau disisipkan (atau titik periksa yang hilang, tidak bertanda tangan, atau bertanda tangan salah), 4 jika rantai utuh tetapi tidak tersedia kunci audit untuk memeriksa tanda tangannya.</translation>
    </message>
    <message>
        <source>Not proven: the checkpoint&apos;s signature was not checked, so the newest entries may have been cut off or rewritten. %1</source>
        <translation>Belum terbukti: tanda tangan titik periksa tidak diperiksa, sehingga entri terbaru mungkin telah dipotong atau ditulis ulang. %1</translation>
    </message>
    <message>
        <source>Why, after which review: kept in the log.</source>
        <translation>Alasannya, setelah peninjauan apa: dicatat dalam log.</translation>
    </message>
    <message>
        <source>For an administrator, after reviewing the entries that audit verify cannot vouch for: sign the checkpoint again when it is unsigned or wrongly signed and the chain itself is whole. Appends an audit.resealed entry naming the head it covered. A broken chain is refused.</source>
        <translation>Untuk administrator, setelah meninjau entri yang tidak dapat dijamin oleh audit verify: menandatangani ulang titik periksa yang tidak bertanda tangan atau bertanda tangan salah, selama rantainya sendiri utuh. Menambahkan entri audit.resealed yang menyebut kepala rantai yang dicakupnya. Rantai yang rusak ditolak.</translation>
    </message>
    <message>
        <source>audit reseal takes no arguments.</source>
        <translation>audit reseal tidak menerima argumen.</translation>
    </message>
    <message>
        <source>audit reseal needs --reason.</source>
        <translation>audit reseal memerlukan --reason.</translation>
    </message>
    <message>
        <source>Resealed: entry %1 records the review, and the checkpoint is signed again.</source>
        <translation>Telah disegel ulang: entri %1 mencatat peninjauan, dan titik periksa kembali bertanda tangan.</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit log has no checkpoint row.</source>
        <translation>Log audit tidak memiliki baris titik periksa.</translation>
    </message>
    <message>
        <source>Entry %1 was removed: the chain jumps from %2 to %3.</source>
        <translation>Entri %1 telah dihapus: rantai melompat dari %2 ke %3.</translation>
    </message>
    <message>
        <source>Entry %1 was inserted: entry %2 links past it to entry %3.</source>
        <translation>Entri %1 telah disisipkan: entri %2 melewatinya dan tertaut ke entri %3.</translation>
    </message>
    <message>
        <source>Entry %1 was inserted: the entry after it links to entry %2.</source>
        <translation>Entri %1 telah disisipkan: entri sesudahnya tertaut ke entri %2.</translation>
    </message>
    <message>
        <source>Entry %1 was removed and the entries after it renumbered.</source>
        <translation>Entri %1 telah dihapus dan entri sesudahnya dinomori ulang.</translation>
    </message>
    <message>
        <source>Entry %1 was changed: entry %2 no longer links to it.</source>
        <translation>Entri %1 telah diubah: entri %2 tidak lagi tertaut kepadanya.</translation>
    </message>
    <message>
        <source>Entry %1 was changed: its content no longer matches its hash.</source>
        <translation>Entri %1 telah diubah: isinya tidak lagi cocok dengan hash-nya.</translation>
    </message>
    <message>
        <source>Entry %1 was removed: the checkpoint records %2 entries, the log holds %3.</source>
        <translation>Entri %1 telah dihapus: titik periksa mencatat %2 entri, sedangkan log berisi %3.</translation>
    </message>
    <message>
        <source>Entry %1 was inserted after the checkpoint (entry %2).</source>
        <translation>Entri %1 telah disisipkan setelah titik periksa (entri %2).</translation>
    </message>
    <message>
        <source>The checkpoint does not match entry %1.</source>
        <translation>Titik periksa tidak cocok dengan entri %1.</translation>
    </message>
    <message numerus="yes">
        <source>The audit chain of %n entries is whole.</source>
        <translation>
            <numerusform>Rantai audit (%n entri) utuh.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was saved. Ask an administrator to check the audit log (audit verify).</source>
        <translation>Tidak ada yang disimpan. Mintalah administrator memeriksa log audit (audit verify).</translation>
    </message>
    <message>
        <source>The audit log is signed, but no audit key is configured here (%1 or the keychain entry %2), so nothing can be added to it. Nothing was saved.</source>
        <translation>Log audit ini bertanda tangan, tetapi di sini tidak ada kunci audit yang dikonfigurasi (%1 atau entri keychain %2), sehingga tidak ada yang dapat ditambahkan ke dalamnya. Tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>The audit log&apos;s checkpoint carries no signature although an audit key is configured: entries may have been written without the key.</source>
        <translation>Titik periksa log audit tidak bertanda tangan, padahal kunci audit telah dikonfigurasi: mungkin ada entri yang ditulis tanpa kunci.</translation>
    </message>
    <message>
        <source>The audit log&apos;s checkpoint signature is wrong: the log was written to without the key.</source>
        <translation>Tanda tangan titik periksa log audit salah: log telah ditulisi tanpa kunci.</translation>
    </message>
    <message>
        <source>The audit log does not end at its checkpoint (entry %1): entries were added, removed or changed outside the program.</source>
        <translation>Log audit tidak berakhir pada titik periksanya (entri %1): ada entri yang ditambahkan, dihapus, atau diubah di luar program.</translation>
    </message>
    <message>
        <source>Only an administrator may reseal the audit log.</source>
        <translation>Hanya administrator yang boleh menyegel ulang log audit.</translation>
    </message>
    <message>
        <source>Say why the audit log is resealed: the reason is kept in the log.</source>
        <translation>Sebutkan alasan log audit disegel ulang: alasan tersebut dicatat dalam log.</translation>
    </message>
    <message>
        <source>No audit key is configured (%1 or the keychain entry %2): there is nothing to seal with.</source>
        <translation>Tidak ada kunci audit yang dikonfigurasi (%1 atau entri keychain %2): tidak ada yang dapat dipakai untuk menyegel.</translation>
    </message>
    <message>
        <source>The audit log is whole and signed; there is nothing to reseal.</source>
        <translation>Log audit utuh dan bertanda tangan; tidak ada yang perlu disegel ulang.</translation>
    </message>
    <message>
        <source>The audit chain itself is broken (%1); resealing would hide that. Restore the database from a backup taken before entry %2.</source>
        <translation>Rantai audit itu sendiri rusak (%1); penyegelan ulang akan menyembunyikan hal itu. Pulihkan basis data dari cadangan yang dibuat sebelum entri %2.</translation>
    </message>
    <message>
        <source>The audit log has no checkpoint row: its newest entries cannot be checked.</source>
        <translation>Log audit tidak memiliki baris titik periksa: entri terbarunya tidak dapat diperiksa.</translation>
    </message>
    <message>
        <source>No audit key is configured here (%1 or the keychain entry %2).</source>
        <translation>Di sini tidak ada kunci audit yang dikonfigurasi (%1 atau entri keychain %2).</translation>
    </message>
    <message>
        <source>The checkpoint carries no signature although an audit key is configured: the log may have been emptied or rewritten without the key.</source>
        <translation>Titik periksa tidak bertanda tangan, padahal kunci audit telah dikonfigurasi: log mungkin telah dikosongkan atau ditulis ulang tanpa kunci.</translation>
    </message>
    <message>
        <source>The checkpoint&apos;s signature is wrong: the newest entries may have been rewritten.</source>
        <translation>Tanda tangan titik periksa salah: entri terbaru mungkin telah ditulis ulang.</translation>
    </message>
</context>
<context>
    <name>Certificate</name>
    <message>
        <source>The PKCS#7 file is not a certificate bundle (.p7b/.p7c).</source>
        <translation>Berkas PKCS#7 ini bukan bundel sertifikat (.p7b/.p7c).</translation>
    </message>
    <message>
        <source>The PKCS#7 file holds no certificate.</source>
        <translation>Berkas PKCS#7 ini tidak memuat sertifikat.</translation>
    </message>
    <message>
        <source>The data is not a certificate: neither PEM, DER nor PKCS#7 could be read from it.</source>
        <translation>Data ini bukan sertifikat: tidak dapat dibaca sebagai PEM, DER, maupun PKCS#7.</translation>
    </message>
    <message>
        <source>This is a private key, not a certificate. It was not read or kept; keep it secret and give the certificate file (.cer, .crt, .pem or .p7b) instead.</source>
        <translation>Ini adalah kunci privat, bukan sertifikat. Kunci ini tidak dibaca dan tidak disimpan; jaga kerahasiaannya dan berikan berkas sertifikat (.cer, .crt, .pem, atau .p7b) sebagai gantinya.</translation>
    </message>
    <message>
        <source>Could not read the data.</source>
        <translation>Data tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>The PEM text is damaged (broken base64 or a missing BEGIN/END line).</source>
        <translation>Teks PEM rusak (base64 rusak atau baris BEGIN/END tidak ada).</translation>
    </message>
    <message>
        <source>A PEM certificate block is damaged or truncated inside its base64.</source>
        <translation>Sebuah blok sertifikat PEM rusak atau terpotong di dalam base64-nya.</translation>
    </message>
    <message>
        <source>The PEM PKCS#7 block is damaged.</source>
        <translation>Blok PKCS#7 PEM rusak.</translation>
    </message>
    <message>
        <source>The PEM text holds no certificate, only: %1.</source>
        <translation>Teks PEM tidak memuat sertifikat, hanya: %1.</translation>
    </message>
    <message numerus="yes">
        <source>The certificate is followed by %n byte(s) that are not a certificate.</source>
        <translation>
            <numerusform>Sertifikat diikuti oleh %n byte yang bukan sertifikat.</numerusform>
        </translation>
    </message>
    <message>
        <source>The certificate data is truncated: it ends before its DER encoding does.</source>
        <translation>Data sertifikat terpotong: data berakhir sebelum encoding DER-nya selesai.</translation>
    </message>
    <message>
        <source>Could not take a reference to the certificate.</source>
        <translation>Referensi ke sertifikat tidak dapat diambil.</translation>
    </message>
    <message>
        <source>The data is empty: there is no certificate.</source>
        <translation>Data kosong: tidak ada sertifikat.</translation>
    </message>
    <message>
        <source>The data is larger than %1 MB; a certificate file is a few kilobytes.</source>
        <translation>Data lebih besar dari %1 MB; berkas sertifikat biasanya hanya beberapa kilobyte.</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Berkas %1 tidak ada.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 adalah folder, bukan berkas.</translation>
    </message>
    <message>
        <source>The file %1 is larger than %2 MB; a certificate file is a few kilobytes.</source>
        <translation>Berkas %1 lebih besar dari %2 MB; berkas sertifikat biasanya hanya beberapa kilobyte.</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>%1 tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>The file %1 is empty: there is no certificate.</source>
        <translation>Berkas %1 kosong: tidak ada sertifikat.</translation>
    </message>
</context>
<context>
    <name>CertificateCommands</name>
    <message>
        <source>expired</source>
        <translation>kedaluwarsa</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>belum berlaku</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>berlaku</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Subjek:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Penerbit:</translation>
    </message>
    <message>
        <source>Serial (hex):</source>
        <translation>Nomor seri (heks):</translation>
    </message>
    <message>
        <source>Serial (decimal):</source>
        <translation>Nomor seri (desimal):</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Berlaku sejak:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Berlaku sampai:</translation>
    </message>
    <message>
        <source>%1 (%2 now)</source>
        <translation>%1 (saat ini %2)</translation>
    </message>
    <message>
        <source>Key usage:</source>
        <translation>Penggunaan kunci:</translation>
    </message>
    <message>
        <source>Extended key usage:</source>
        <translation>Penggunaan kunci diperluas:</translation>
    </message>
    <message>
        <source>E-mail addresses:</source>
        <translation>Alamat e-mail:</translation>
    </message>
    <message>
        <source>CRL distribution points:</source>
        <translation>Titik distribusi CRL:</translation>
    </message>
    <message>
        <source>CA issuers:</source>
        <translation>Penerbit CA:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Sidik jari SHA-256:</translation>
    </message>
    <message>
        <source>Subject attributes (certificate order):</source>
        <translation>Atribut subjek (urutan dalam sertifikat):</translation>
    </message>
    <message>
        <source>A certificate: PEM, DER or PKCS#7 (.p7b/.p7c).</source>
        <translation>Sertifikat: PEM, DER, atau PKCS#7 (.p7b/.p7c).</translation>
    </message>
    <message>
        <source>Show the fields of every certificate in a file.</source>
        <translation>Tampilkan isian setiap sertifikat dalam suatu berkas.</translation>
    </message>
    <message>
        <source>cert inspect takes one FILE.</source>
        <translation>cert inspect memerlukan tepat satu FILE.</translation>
    </message>
    <message>
        <source>Certificate %1 of %2</source>
        <translation>Sertifikat %1 dari %2</translation>
    </message>
    <message>
        <source>match</source>
        <translation>cocok</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>TIDAK COCOK</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>tidak berlaku</translation>
    </message>
    <message>
        <source>not in certificate</source>
        <translation>tidak ada di sertifikat</translation>
    </message>
    <message>
        <source>MATCH: the certificate belongs to this holder.</source>
        <translation>COCOK: sertifikat ini milik pemegang tersebut.</translation>
    </message>
    <message>
        <source>MISMATCH: the certificate does not belong to this holder.</source>
        <translation>TIDAK COCOK: sertifikat ini bukan milik pemegang tersebut.</translation>
    </message>
    <message>
        <source>NEEDS REVIEW: the operator has to decide.</source>
        <translation>PERLU DITINJAU: operator harus memutuskan.</translation>
    </message>
    <message>
        <source>Certificate: serial %1 from %2</source>
        <translation>Sertifikat: nomor seri %1 dari %2</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>Alasan:</translation>
    </message>
    <message>
        <source>Attributes:</source>
        <translation>Atribut:</translation>
    </message>
    <message>
        <source> (informative)</source>
        <translation> (informatif)</translation>
    </message>
    <message>
        <source>certificate: %1</source>
        <translation>sertifikat: %1</translation>
    </message>
    <message>
        <source>record (%1): %2</source>
        <translation>data terdaftar (%1): %2</translation>
    </message>
    <message>
        <source>A certificate: PEM, DER or PKCS#7 (the first end-entity certificate in it is compared).</source>
        <translation>Sertifikat: PEM, DER, atau PKCS#7 (sertifikat end-entity pertama di dalamnya yang dibandingkan).</translation>
    </message>
    <message>
        <source>The holder&apos;s NIK, read from the database.</source>
        <translation>NIK pemegang sertifikat, dibaca dari basis data.</translation>
    </message>
    <message>
        <source>The holder&apos;s full name, titles allowed (instead of --holder).</source>
        <translation>Nama lengkap pemegang sertifikat, boleh dengan gelar (sebagai pengganti --holder).</translation>
    </message>
    <message>
        <source>The holder&apos;s official e-mail (instead of --holder).</source>
        <translation>E-mail dinas pemegang sertifikat (sebagai pengganti --holder).</translation>
    </message>
    <message>
        <source>The AMS user name (an e-mail or a NIK); default: the holder&apos;s.</source>
        <translation>Nama pengguna AMS (e-mail atau NIK); bawaan: milik pemegang sertifikat.</translation>
    </message>
    <message>
        <source>The holder&apos;s unit, compared with OU for information.</source>
        <translation>Unit kerja pemegang sertifikat, dibandingkan dengan OU sebagai informasi.</translation>
    </message>
    <message>
        <source>Compare a certificate&apos;s subject with the holder (SOP step 7). Exit 0 match, 3 mismatch, 4 needs review.</source>
        <translation>Bandingkan subjek sertifikat dengan pemegang sertifikat (SOP langkah 7). Keluar dengan kode 0 jika cocok, 3 jika tidak cocok, 4 jika perlu ditinjau.</translation>
    </message>
    <message>
        <source>cert match takes one FILE.</source>
        <translation>cert match memerlukan tepat satu FILE.</translation>
    </message>
    <message>
        <source>Give either --holder NIK or --name NAME --email EMAIL.</source>
        <translation>Sebutkan --holder NIK, atau --name NAME --email EMAIL.</translation>
    </message>
    <message>
        <source>--name and --email go together.</source>
        <translation>--name dan --email harus diberikan bersama-sama.</translation>
    </message>
    <message>
        <source>Certificates: read their fields, match the subject with the holder (SOP step 7), prove a revocation by OCSP or CRL.</source>
        <translation>Sertifikat: baca isiannya, cocokkan subjek dengan pemegang sertifikat (SOP langkah 7), buktikan pencabutan melalui OCSP atau CRL.</translation>
    </message>
    <message>
        <source>OCSP responder:</source>
        <translation>Responder OCSP:</translation>
    </message>
</context>
<context>
    <name>CertificateRepository</name>
    <message>
        <source>A certificate needs its serial number, issuer and subject.</source>
        <translation>Sertifikat harus memiliki nomor seri, penerbit, dan subjek.</translation>
    </message>
    <message>
        <source>The certificate&apos;s validity period is not a valid range.</source>
        <translation>Masa berlaku sertifikat bukan rentang tanggal yang sah.</translation>
    </message>
    <message>
        <source>The certificate&apos;s SHA-256 fingerprint must have 64 hex digits.</source>
        <translation>Sidik jari SHA-256 sertifikat harus terdiri atas 64 digit heksadesimal.</translation>
    </message>
    <message>
        <source>Unknown certificate status %1.</source>
        <translation>Status sertifikat %1 tidak dikenal.</translation>
    </message>
    <message>
        <source>A revoked certificate needs the time of its revocation.</source>
        <translation>Sertifikat yang dicabut harus memiliki waktu pencabutan.</translation>
    </message>
    <message>
        <source>A revoked certificate needs an RFC 5280 reason code.</source>
        <translation>Sertifikat yang dicabut harus memiliki kode alasan RFC 5280.</translation>
    </message>
    <message>
        <source>Only a revoked certificate has a revocation time and reason.</source>
        <translation>Hanya sertifikat yang dicabut yang memiliki waktu dan alasan pencabutan.</translation>
    </message>
    <message>
        <source>The certificate with serial number %1 is already registered.</source>
        <translation>Sertifikat dengan nomor seri %1 sudah terdaftar.</translation>
    </message>
    <message>
        <source>%1 is not an RFC 5280 reason code.</source>
        <translation>%1 bukan kode alasan RFC 5280.</translation>
    </message>
    <message>
        <source>Certificate %1 is revoked and cannot become %2 again.</source>
        <translation>Sertifikat %1 telah dicabut dan tidak dapat kembali berstatus %2.</translation>
    </message>
    <message>
        <source>There is no certificate with id %1.</source>
        <translation>Tidak ada sertifikat dengan id %1.</translation>
    </message>
</context>
<context>
    <name>CertificateRevocationList</name>
    <message>
        <source>The CRL is empty.</source>
        <translation>CRL kosong.</translation>
    </message>
    <message>
        <source>The CRL is larger than %1 MB.</source>
        <translation>CRL lebih besar dari %1 MB.</translation>
    </message>
    <message>
        <source>The data is PEM but holds no readable X509 CRL block.</source>
        <translation>Data berformat PEM tetapi tidak memuat blok X509 CRL yang dapat dibaca.</translation>
    </message>
    <message>
        <source>The data is not a CRL in DER or PEM.</source>
        <translation>Data ini bukan CRL dalam format DER atau PEM.</translation>
    </message>
    <message numerus="yes">
        <source>The CRL is followed by %n stray byte(s).</source>
        <translation>
            <numerusform>CRL diikuti oleh %n byte sisa yang tidak dikenal.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Berkas %1 tidak ada.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB, too large for a CRL.</source>
        <translation>%1 lebih besar dari %2 MB, terlalu besar untuk sebuah CRL.</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>%1 tidak dapat dibaca.</translation>
    </message>
    <message numerus="yes">
        <source>The CRL lists a serial number of %n byte(s), more than any certificate has.</source>
        <translation>
            <numerusform>CRL mencantumkan nomor seri sepanjang %n byte, lebih panjang daripada nomor seri sertifikat mana pun.</numerusform>
        </translation>
    </message>
    <message>
        <source>The CRL has too many entries.</source>
        <translation>CRL memiliki terlalu banyak entri.</translation>
    </message>
    <message>
        <source>No issuer certificate to check the CRL with.</source>
        <translation>Tidak ada sertifikat penerbit untuk memeriksa CRL.</translation>
    </message>
    <message>
        <source>The CRL was issued by %1, not by %2.</source>
        <translation>CRL diterbitkan oleh %1, bukan oleh %2.</translation>
    </message>
    <message>
        <source>The CRL&apos;s signature does not verify with the key of %1.</source>
        <translation>Tanda tangan CRL tidak dapat diverifikasi dengan kunci %1.</translation>
    </message>
    <message>
        <source>%1 may not sign CRLs: its key usage lacks cRLSign.</source>
        <translation>%1 tidak boleh menandatangani CRL: penggunaan kuncinya tidak mencakup cRLSign.</translation>
    </message>
    <message>
        <source>This is a delta CRL; a complete CRL is needed.</source>
        <translation>Ini adalah delta CRL; yang diperlukan adalah CRL lengkap.</translation>
    </message>
    <message>
        <source>The CRL has a critical extension this program does not know.</source>
        <translation>CRL memiliki ekstensi kritis yang tidak dikenal oleh program ini.</translation>
    </message>
    <message>
        <source>The CRL covers only some reasons or other issuers&apos; certificates; a complete, direct CRL is needed.</source>
        <translation>CRL hanya mencakup sebagian alasan atau sertifikat dari penerbit lain; yang diperlukan adalah CRL lengkap dan langsung.</translation>
    </message>
    <message>
        <source>The CRL&apos;s thisUpdate time cannot be read.</source>
        <translation>Waktu thisUpdate CRL tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>The CRL is dated %1, in the future.</source>
        <translation>CRL bertanggal %1, yaitu di masa depan.</translation>
    </message>
    <message>
        <source>The CRL does not say when it expires (no nextUpdate), so it cannot be known to be current.</source>
        <translation>CRL tidak menyebutkan kapan masa berlakunya berakhir (tidak ada nextUpdate), sehingga tidak dapat dipastikan masih mutakhir.</translation>
    </message>
    <message>
        <source>The CRL expired at %1 (nextUpdate); a current one is needed.</source>
        <translation>CRL telah kedaluwarsa pada %1 (nextUpdate); diperlukan CRL yang mutakhir.</translation>
    </message>
    <message>
        <source>Certificate %1 was not issued by %2.</source>
        <translation>Sertifikat %1 tidak diterbitkan oleh %2.</translation>
    </message>
    <message>
        <source>The CRL&apos;s issuing distribution point cannot be read, so what it covers is not known.</source>
        <translation>Titik distribusi penerbitan CRL tidak dapat dibaca, sehingga cakupannya tidak diketahui.</translation>
    </message>
    <message>
        <source>The CRL covers only some reasons, attribute certificates or other issuers&apos; certificates; a complete, direct CRL is needed.</source>
        <translation>CRL hanya mencakup sebagian alasan, sertifikat atribut, atau sertifikat penerbit lain; diperlukan CRL yang lengkap dan langsung.</translation>
    </message>
    <message>
        <source>The CRL lists only CA certificates (an authority revocation list); it cannot say whether the holder certificate %1 is revoked.</source>
        <translation>CRL hanya memuat sertifikat CA (daftar pencabutan otoritas); CRL ini tidak dapat menyatakan apakah sertifikat pemilik %1 telah dicabut.</translation>
    </message>
    <message>
        <source>The CRL lists only holder certificates; it cannot say whether the CA certificate %1 is revoked.</source>
        <translation>CRL hanya memuat sertifikat pemilik; CRL ini tidak dapat menyatakan apakah sertifikat CA %1 telah dicabut.</translation>
    </message>
    <message>
        <source>The CRL names its distribution point relative to its issuer, which this program does not support; use the CRL the certificate names.</source>
        <translation>CRL menamai titik distribusinya relatif terhadap penerbitnya, yang tidak didukung oleh program ini; gunakan CRL yang disebutkan dalam sertifikat.</translation>
    </message>
    <message>
        <source>The CRL covers only the distribution point %1, and certificate %2 is not among its certificates (it names %3).</source>
        <translation>CRL hanya mencakup titik distribusi %1, dan sertifikat %2 tidak termasuk di dalamnya (sertifikat tersebut menyebutkan %3).</translation>
    </message>
    <message>
        <source>no distribution point</source>
        <translation>tidak ada titik distribusi</translation>
    </message>
</context>
<context>
    <name>CertificateStatusCommand</name>
    <message>
        <source>The certificate (PEM, DER or PKCS#7; the first one counts).</source>
        <translation>Sertifikat (PEM, DER, atau PKCS#7; yang pertama yang digunakan).</translation>
    </message>
    <message>
        <source>The certificate of the CA that issued it (required).</source>
        <translation>Sertifikat CA yang menerbitkannya (wajib).</translation>
    </message>
    <message>
        <source>Ask this OCSP responder instead of the certificate&apos;s own.</source>
        <translation>Tanyakan kepada OCSP responder ini, bukan yang tercantum dalam sertifikat.</translation>
    </message>
    <message>
        <source>Read this CRL (an http or https URL, or a file) instead of the certificate&apos;s own distribution point.</source>
        <translation>Baca CRL ini (URL http atau https, atau sebuah berkas), bukan dari titik distribusi yang tercantum dalam sertifikat.</translation>
    </message>
    <message>
        <source>Give each network call this long (1 to 300).</source>
        <translation>Batas waktu setiap panggilan jaringan dalam detik (1 sampai 300).</translation>
    </message>
    <message>
        <source>Proof of revocation: ask the OCSP responder, or read the CRL when the responder cannot answer. With --ocsp or --crl only the sources given are used.
Exit status: 0 good, 3 revoked, 4 unknown, 1 status not learned, 2 usage.</source>
        <translation>Bukti pencabutan: tanyakan kepada OCSP responder, atau baca CRL jika responder tidak dapat menjawab. Dengan --ocsp atau --crl, hanya sumber yang disebutkan yang digunakan.
Kode keluar: 0 good, 3 revoked, 4 unknown, 1 status tidak berhasil diperoleh, 2 penggunaan salah.</translation>
    </message>
    <message>
        <source>cert status takes one certificate file.</source>
        <translation>cert status memerlukan tepat satu berkas sertifikat.</translation>
    </message>
    <message>
        <source>cert status needs --issuer ISSUER_FILE.</source>
        <translation>cert status memerlukan --issuer ISSUER_FILE.</translation>
    </message>
    <message>
        <source>--timeout needs a number of seconds from 1 to 300.</source>
        <translation>--timeout memerlukan jumlah detik dari 1 sampai 300.</translation>
    </message>
    <message>
        <source>--ocsp needs an http or https URL.</source>
        <translation>--ocsp memerlukan URL http atau https.</translation>
    </message>
    <message>
        <source>--crl needs a URL or a file.</source>
        <translation>--crl memerlukan URL atau berkas.</translation>
    </message>
    <message>
        <source>Note: %1 %2 could not answer: %3</source>
        <translation>Catatan: %1 %2 tidak dapat menjawab: %3</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>See revocation-desk-cli --help.</source>
        <translation>Lihat revocation-desk-cli --help.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Tampilkan bantuan ini.</translation>
    </message>
    <message>
        <source>Log in with --user NAME.</source>
        <translation>Masuklah dengan --user NAMA.</translation>
    </message>
    <message>
        <source>Only a logged-in operator, supervisor or administrator can do this.</source>
        <translation>Hanya operator, penyelia, atau administrator yang telah masuk yang dapat melakukan ini.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator can do this.</source>
        <translation>Hanya penyelia atau administrator yang dapat melakukan ini.</translation>
    </message>
    <message>
        <source>Only an administrator can do this.</source>
        <translation>Hanya administrator yang dapat melakukan ini.</translation>
    </message>
    <message>
        <source>Password of %1: </source>
        <translation>Kata sandi %1: </translation>
    </message>
</context>
<context>
    <name>CommandLineTool</name>
    <message>
        <source>
Exit codes: 0 ok, 1 error, 2 usage, 3 negative finding (e.g. audit chain broken), 4 indeterminate, 5 at risk.
</source>
        <translation>
Kode keluar: 0 berhasil, 1 kesalahan, 2 penggunaan salah, 3 temuan negatif (mis. rantai audit terputus), 4 tidak dapat dipastikan, 5 berisiko.
</translation>
    </message>
    <message>
        <source>--database needs a URL.</source>
        <translation>--database memerlukan URL.</translation>
    </message>
    <message>
        <source>Name a command.</source>
        <translation>Sebutkan perintah.</translation>
    </message>
    <message>
        <source>Name a verb for %1: %2.</source>
        <translation>Sebutkan tindakan untuk %1: %2.</translation>
    </message>
    <message>
        <source>Usage: revocation-desk-cli %1 VERB [options]
%2

Verbs: %3
Run revocation-desk-cli %1 VERB --help for a verb&apos;s options.
</source>
        <translation>Penggunaan: revocation-desk-cli %1 TINDAKAN [opsi]
%2

Tindakan: %3
Jalankan revocation-desk-cli %1 TINDAKAN --help untuk melihat opsi suatu tindakan.
</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1 %2&quot;; %1 knows: %3.</source>
        <translation>Perintah &quot;%1 %2&quot; tidak dikenal; tindakan yang tersedia untuk %1: %3.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Perintah &quot;%1&quot; tidak dikenal.</translation>
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
        <translation>Penggunaan: revocation-desk-cli [--database URL] [--user NAMA] [--json] PERINTAH TINDAKAN [opsi]

Revocation Desk tanpa jendela: penyiapan basis data, daftar pemegang sertifikat, permohonan pencabutan, pengguna, log audit, dan sertifikat.

Opsi global:
  --database URL   sqlite:PATH atau postgresql://user[:password]@host:port/dbname
                   (bawaan: REVOCATION_DESK_DATABASE, lalu pengaturan
                   database/url, lalu berkas SQLite di folder data).
                   PostgreSQL menerima ?sslmode=...&amp;sslrootcert=BERKAS; server
                   yang bukan komputer ini memakai sslmode=verify-full bila tidak diatur
  --user NAMA      masuk sebagai akun NAMA; kata sandi dibaca dari terminal
                   tanpa ditampilkan, atau dari baris pertama masukan standar.
                   Tanpa opsi ini baris perintah hanya membaca dan mengajukan
                   permohonan, sebagai cli:&lt;pengguna OS&gt;
  --json           cetak data sebagai JSON
  -h, --help       tampilkan bantuan ini; juga PERINTAH --help dan
                   PERINTAH TINDAKAN --help
  --version        tampilkan versi

Perintah:
</translation>
    </message>
    <message>
        <source>--user needs a user name.</source>
        <translation>--user memerlukan nama pengguna.</translation>
    </message>
</context>
<context>
    <name>ConfigCommands</name>
    <message>
        <source>(default)</source>
        <translation>(bawaan)</translation>
    </message>
    <message>
        <source>config list takes no arguments.</source>
        <translation>config list tidak menerima argumen.</translation>
    </message>
    <message>
        <source>config set takes a key and a value.</source>
        <translation>config set memerlukan satu kunci dan satu nilai.</translation>
    </message>
    <message>
        <source>set %1 by %2</source>
        <translation>diubah %1 oleh %2</translation>
    </message>
    <message>
        <source>office</source>
        <translation>kantor</translation>
    </message>
    <message>
        <source>this PC</source>
        <translation>PC ini</translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation>(disembunyikan)</translation>
    </message>
    <message>
        <source>a secret in the settings file: remove it with config unset %1 and keep it with secrets set</source>
        <translation>rahasia di dalam berkas pengaturan: hapus dengan config unset %1 dan simpan dengan secrets set</translation>
    </message>
    <message>
        <source>not read by the program; config unset %1 removes it</source>
        <translation>tidak dibaca oleh program; config unset %1 menghapusnya</translation>
    </message>
    <message>
        <source>Keys (where they live; the default):</source>
        <translation>Kunci (tempat penyimpanan; nilai bawaan):</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>Also: %1.</source>
        <translation>Juga: %1.</translation>
    </message>
    <message>
        <source>the database could not be read</source>
        <translation>basis data tidak dapat dibaca</translation>
    </message>
    <message>
        <source>The desk&apos;s settings: the office&apos;s in the database (an administrator sets them) and this workstation&apos;s in revocation-desk.ini. Secrets stay with secrets.</source>
        <translation>Pengaturan aplikasi: pengaturan kantor di basis data (diatur oleh administrator) dan pengaturan stasiun kerja ini di revocation-desk.ini. Rahasia tetap dikelola dengan secrets.</translation>
    </message>
    <message>
        <source>A key from the list below.</source>
        <translation>Salah satu kunci dari daftar di bawah.</translation>
    </message>
    <message>
        <source>The new value; certificates/trustedIssuers takes one or more.</source>
        <translation>Nilai baru; certificates/trustedIssuers menerima satu nilai atau lebih.</translation>
    </message>
    <message>
        <source>Set a setting. A value the program would refuse is refused here, changing nothing. The office&apos;s settings (in the database) are an administrator&apos;s (--user) and audited; this workstation&apos;s are in the OS user&apos;s own revocation-desk.ini and need no --user.</source>
        <translation>Mengatur sebuah pengaturan. Nilai yang akan ditolak program ditolak di sini, tanpa mengubah apa pun. Pengaturan kantor (di basis data) hanya untuk administrator (--user) dan tercatat di log audit; pengaturan stasiun kerja ini berada di revocation-desk.ini milik pengguna sistem operasi dan tidak memerlukan --user.</translation>
    </message>
    <message>
        <source>Print the value in force of a setting (the default when unset).</source>
        <translation>Menampilkan nilai yang berlaku dari sebuah pengaturan (nilai bawaan bila tidak diatur).</translation>
    </message>
    <message>
        <source>Go back to the default: removes the key from this workstation&apos;s revocation-desk.ini (also a key the program does not read), or sets an office setting to its default (administrator, audited).</source>
        <translation>Kembali ke nilai bawaan: menghapus kunci dari revocation-desk.ini stasiun kerja ini (juga kunci yang tidak dibaca program), atau mengembalikan pengaturan kantor ke nilai bawaannya (administrator, tercatat di log audit).</translation>
    </message>
    <message>
        <source>List every setting with its value, where it lives and whether it is the default; keys in revocation-desk.ini that the program does not read are listed last.</source>
        <translation>Menampilkan setiap pengaturan beserta nilainya, tempat penyimpanannya, dan apakah bernilai bawaan; kunci di revocation-desk.ini yang tidak dibaca program ditampilkan paling akhir.</translation>
    </message>
    <message>
        <source>config %1 takes one key.</source>
        <translation>config %1 menerima satu kunci.</translation>
    </message>
    <message>
        <source>Removed %1 from %2.</source>
        <translation>%1 telah dihapus dari %2.</translation>
    </message>
    <message>
        <source>Unknown setting &quot;%1&quot;; config list shows the known ones.</source>
        <translation>Pengaturan &quot;%1&quot; tidak dikenal; config list menampilkan pengaturan yang dikenal.</translation>
    </message>
    <message>
        <source>%1 takes one value.</source>
        <translation>%1 menerima satu nilai.</translation>
    </message>
    <message>
        <source>an image (%1, %2 KB)</source>
        <translation>sebuah gambar (%1, %2 KB)</translation>
    </message>
    <message>
        <source>set</source>
        <translation>diatur</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>belum diatur</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The Qt database driver %1 is not installed (Debian package %2).</source>
        <translation>Driver basis data Qt %1 belum terpasang (paket Debian %2).</translation>
    </message>
    <message>
        <source>The database path %1 is a folder, not a file.</source>
        <translation>Jalur basis data %1 adalah folder, bukan berkas.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>Folder %1 untuk basis data tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Cannot open the database %1.</source>
        <translation>Basis data %1 tidak dapat dibuka.</translation>
    </message>
    <message>
        <source>The SQLite database %1 cannot use write-ahead logging.</source>
        <translation>Basis data SQLite %1 tidak dapat menggunakan write-ahead logging (WAL).</translation>
    </message>
    <message>
        <source>The database refused to %1.</source>
        <translation>Basis data menolak %1.</translation>
    </message>
    <message>
        <source>prepare a statement</source>
        <translation>menyiapkan perintah SQL</translation>
    </message>
    <message>
        <source>run a statement</source>
        <translation>menjalankan perintah SQL</translation>
    </message>
    <message>
        <source>The database returned no row.</source>
        <translation>Basis data tidak mengembalikan baris apa pun.</translation>
    </message>
    <message>
        <source>start a transaction</source>
        <translation>memulai transaksi</translation>
    </message>
    <message>
        <source>commit a transaction</source>
        <translation>menyimpan (commit) transaksi</translation>
    </message>
    <message>
        <source>There is no database at %1; `revocation-desk-cli db migrate` creates it.</source>
        <translation>Tidak ada basis data di %1; perintah `revocation-desk-cli db migrate` akan membuatnya.</translation>
    </message>
    <message>
        <source>Cannot create the database file %1.</source>
        <translation>Berkas basis data %1 tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Cannot open the database %1 over TLS (sslmode=%2): the server does not offer TLS or its certificate could not be verified. Give the server TLS and its CA with ?sslrootcert=FILE; only on a network you trust, write ?sslmode=disable.</source>
        <translation>Basis data %1 tidak dapat dibuka melalui TLS (sslmode=%2): server tidak menyediakan TLS atau sertifikatnya tidak dapat diverifikasi. Aktifkan TLS pada server dan berikan CA-nya dengan ?sslrootcert=BERKAS; hanya pada jaringan yang tepercaya, tuliskan ?sslmode=disable.</translation>
    </message>
</context>
<context>
    <name>DatabaseCommands</name>
    <message>
        <source>Create or upgrade the schema; show its version and row counts.</source>
        <translation>Buat atau perbarui skema; tampilkan versi dan jumlah barisnya.</translation>
    </message>
    <message>
        <source>Apply the schema migrations this database lacks, in order. Running it again changes nothing.</source>
        <translation>Terapkan secara berurutan migrasi skema yang belum ada pada basis data ini. Menjalankannya lagi tidak mengubah apa pun.</translation>
    </message>
    <message>
        <source>db migrate takes no arguments.</source>
        <translation>db migrate tidak menerima argumen.</translation>
    </message>
    <message>
        <source>The database is up to date (schema version %1).</source>
        <translation>Basis data sudah mutakhir (versi skema %1).</translation>
    </message>
    <message numerus="yes">
        <source>Applied %n migration(s); schema version is now %1.</source>
        <translation>
            <numerusform>%n migrasi telah diterapkan; versi skema sekarang %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the schema version and how many rows each table holds.</source>
        <translation>Tampilkan versi skema dan jumlah baris setiap tabel.</translation>
    </message>
    <message>
        <source>db status takes no arguments.</source>
        <translation>db status tidak menerima argumen.</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Basis data: %1</translation>
    </message>
    <message>
        <source>Schema version: %1 of %2</source>
        <translation>Versi skema: %1 dari %2</translation>
    </message>
    <message>
        <source>Run `revocation-desk-cli db migrate` to bring it up to date.</source>
        <translation>Jalankan `revocation-desk-cli db migrate` untuk memutakhirkannya.</translation>
    </message>
    <message>
        <source>Database roles: %1 owns the tables, %2 is for the workbench and the command line, %3 for kiosks. None can log in until you give it a password (docs/install.md).</source>
        <translation>Peran basis data: %1 memiliki tabel, %2 untuk meja kerja dan baris perintah, %3 untuk kios. Tidak satu pun dapat masuk sebelum Anda memberinya kata sandi (docs/install.md).</translation>
    </message>
</context>
<context>
    <name>DatabaseRoles</name>
    <message>
        <source>The database name %1 is too long to name its roles after it (at most %2 bytes with &quot;_operator&quot;); choose a shorter database name.</source>
        <translation>Nama basis data %1 terlalu panjang untuk menamai perannya (paling banyak %2 bita beserta &quot;_operator&quot;); pilihlah nama basis data yang lebih pendek.</translation>
    </message>
    <message>
        <source>The database does not know who we are.</source>
        <translation>Basis data tidak mengenali pengguna yang tersambung.</translation>
    </message>
    <message>
        <source>The database roles %1 do not exist, and %2 may not create them. Run `revocation-desk-cli db migrate` once as a PostgreSQL superuser, or have the database administrator create them with the SQL in docs/install.md (&quot;Database roles&quot;) and run it again.</source>
        <translation>Peran basis data %1 belum ada, dan %2 tidak berwenang membuatnya. Jalankan `revocation-desk-cli db migrate` sekali sebagai superuser PostgreSQL, atau mintalah administrator basis data membuatnya dengan SQL dalam docs/install.md (&quot;Database roles&quot;), lalu jalankan kembali.</translation>
    </message>
    <message>
        <source>%1 may not hand the tables to the role %2: run `revocation-desk-cli db migrate` as a PostgreSQL superuser or as %2 (docs/install.md, &quot;Database roles&quot;).</source>
        <translation>%1 tidak berwenang menyerahkan tabel kepada peran %2: jalankan `revocation-desk-cli db migrate` sebagai superuser PostgreSQL atau sebagai %2 (docs/install.md, &quot;Database roles&quot;).</translation>
    </message>
    <message>
        <source>The rights of the database roles could not be set (%1): run `revocation-desk-cli db migrate` as a PostgreSQL superuser or as %2 (docs/install.md, &quot;Database roles&quot;).</source>
        <translation>Hak peran basis data tidak dapat ditetapkan (%1): jalankan `revocation-desk-cli db migrate` sebagai superuser PostgreSQL atau sebagai %2 (docs/install.md, &quot;Database roles&quot;).</translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>The SQLite database URL has no file path: write sqlite:/path/to/file.sqlite.</source>
        <translation>URL basis data SQLite tidak memuat jalur berkas: tulis sqlite:/jalur/ke/berkas.sqlite.</translation>
    </message>
    <message>
        <source>The PostgreSQL database URL is malformed: write postgresql://user[:password]@host:port/dbname.</source>
        <translation>Format URL basis data PostgreSQL salah: tulis postgresql://user[:password]@host:port/dbname.</translation>
    </message>
    <message>
        <source>The PostgreSQL port must be between 1 and 65535.</source>
        <translation>Port PostgreSQL harus antara 1 dan 65535.</translation>
    </message>
    <message>
        <source>Unknown database URL: use sqlite:PATH or postgresql://user[:password]@host:port/dbname.</source>
        <translation>URL basis data tidak dikenal: gunakan sqlite:PATH atau postgresql://user[:password]@host:port/dbname.</translation>
    </message>
    <message>
        <source>The setting database/url holds a password; remove it and use the keychain or PGPASSWORD.</source>
        <translation>Pengaturan database/url memuat kata sandi; hapus kata sandi tersebut dan gunakan keychain atau PGPASSWORD.</translation>
    </message>
    <message>
        <source>sslmode must be one of %1.</source>
        <translation>sslmode harus salah satu dari %1.</translation>
    </message>
    <message>
        <source>sslrootcert must be a file path without spaces, quotes, semicolons or backslashes.</source>
        <translation>sslrootcert harus berupa jalur berkas tanpa spasi, tanda kutip, titik koma, atau garis miring terbalik.</translation>
    </message>
    <message>
        <source>The PostgreSQL database URL knows the options sslmode and sslrootcert, not &quot;%1&quot;.</source>
        <translation>URL basis data PostgreSQL hanya mengenal opsi sslmode dan sslrootcert, bukan &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>DemoCertificateAuthority</name>
    <message>
        <source>Could not generate an EC P-256 key.</source>
        <translation>Kunci EC P-256 tidak dapat dibangkitkan.</translation>
    </message>
    <message>
        <source>The random number generator failed.</source>
        <translation>Pembangkit bilangan acak gagal.</translation>
    </message>
    <message>
        <source>Could not build the serial number.</source>
        <translation>Nomor seri tidak dapat disusun.</translation>
    </message>
    <message>
        <source>Could not encode the certificate.</source>
        <translation>Sertifikat tidak dapat dikodekan.</translation>
    </message>
    <message>
        <source>The demo certificate authority needs a start date and at least one year of validity.</source>
        <translation>Otoritas sertifikat (CA) demo memerlukan tanggal mulai dan masa berlaku sekurang-kurangnya satu tahun.</translation>
    </message>
    <message>
        <source>Could not create the CA certificate.</source>
        <translation>Sertifikat CA tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Could not set the CA&apos;s serial number.</source>
        <translation>Nomor seri CA tidak dapat ditetapkan.</translation>
    </message>
    <message>
        <source>Could not set the CA certificate&apos;s validity.</source>
        <translation>Masa berlaku sertifikat CA tidak dapat ditetapkan.</translation>
    </message>
    <message>
        <source>Could not build the CA&apos;s name.</source>
        <translation>Nama CA tidak dapat disusun.</translation>
    </message>
    <message>
        <source>Could not build the CA certificate.</source>
        <translation>Sertifikat CA tidak dapat disusun.</translation>
    </message>
    <message>
        <source>Could not add the CA certificate&apos;s extensions.</source>
        <translation>Ekstensi sertifikat CA tidak dapat ditambahkan.</translation>
    </message>
    <message>
        <source>Could not sign the CA certificate.</source>
        <translation>Sertifikat CA tidak dapat ditandatangani.</translation>
    </message>
    <message>
        <source>%1 is not an e-mail address.</source>
        <translation>%1 bukan alamat e-mail.</translation>
    </message>
    <message>
        <source>A holder certificate needs the holder&apos;s name and unit.</source>
        <translation>Sertifikat pemegang memerlukan nama dan unit kerja pemegang.</translation>
    </message>
    <message>
        <source>A holder certificate needs a start date.</source>
        <translation>Sertifikat pemegang memerlukan tanggal mulai.</translation>
    </message>
    <message>
        <source>Could not create the certificate.</source>
        <translation>Sertifikat tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Could not set the serial number.</source>
        <translation>Nomor seri tidak dapat ditetapkan.</translation>
    </message>
    <message>
        <source>Could not set the certificate&apos;s validity.</source>
        <translation>Masa berlaku sertifikat tidak dapat ditetapkan.</translation>
    </message>
    <message>
        <source>Could not build the subject name for %1.</source>
        <translation>Nama subjek untuk %1 tidak dapat disusun.</translation>
    </message>
    <message>
        <source>Could not build the certificate.</source>
        <translation>Sertifikat tidak dapat disusun.</translation>
    </message>
    <message>
        <source>Could not add the certificate&apos;s extensions.</source>
        <translation>Ekstensi sertifikat tidak dapat ditambahkan.</translation>
    </message>
    <message>
        <source>Could not sign the certificate.</source>
        <translation>Sertifikat tidak dapat ditandatangani.</translation>
    </message>
    <message>
        <source>The data is not a DER-encoded X.509 certificate.</source>
        <translation>Data ini bukan sertifikat X.509 berkode DER.</translation>
    </message>
    <message numerus="yes">
        <source>The certificate is followed by %n stray byte(s).</source>
        <translation>
            <numerusform>Sertifikat diikuti oleh %n bita berlebih.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the certificate&apos;s serial number.</source>
        <translation>Nomor seri sertifikat tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>Could not read the certificate&apos;s validity.</source>
        <translation>Masa berlaku sertifikat tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>%1 is not a serial number in hex.</source>
        <translation>%1 bukan nomor seri dalam format heksadesimal.</translation>
    </message>
    <message>
        <source>The demo CA&apos;s certificate is not a PEM certificate.</source>
        <translation>Sertifikat CA demo bukan sertifikat PEM.</translation>
    </message>
    <message>
        <source>The demo CA&apos;s private key is not an unencrypted PEM key.</source>
        <translation>Kunci privat CA demo bukan kunci PEM yang tidak terenkripsi.</translation>
    </message>
    <message>
        <source>The demo CA&apos;s private key does not belong to its certificate.</source>
        <translation>Kunci privat CA demo bukan pasangan sertifikatnya.</translation>
    </message>
    <message>
        <source>The demo CA&apos;s certificate is not a CA certificate.</source>
        <translation>Sertifikat CA demo bukan sertifikat CA.</translation>
    </message>
    <message>
        <source>%1 is not an http or https URL without commas or spaces.</source>
        <translation>%1 bukan URL http atau https tanpa koma atau spasi.</translation>
    </message>
    <message>
        <source>A CRL needs a this-update time before its next-update time.</source>
        <translation>CRL memerlukan waktu this-update yang lebih awal daripada waktu next-update-nya.</translation>
    </message>
    <message>
        <source>A CRL number cannot be negative.</source>
        <translation>Nomor CRL tidak boleh negatif.</translation>
    </message>
    <message>
        <source>Could not create the CRL.</source>
        <translation>CRL tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Could not set the CRL&apos;s update times.</source>
        <translation>Waktu pembaruan CRL tidak dapat ditetapkan.</translation>
    </message>
    <message>
        <source>%1 is not a CRL reason code.</source>
        <translation>%1 bukan kode alasan CRL.</translation>
    </message>
    <message>
        <source>The revocation of %1 has no time.</source>
        <translation>Pencabutan %1 tidak memiliki waktu.</translation>
    </message>
    <message>
        <source>Could not add %1 to the CRL.</source>
        <translation>%1 tidak dapat ditambahkan ke CRL.</translation>
    </message>
    <message>
        <source>Could not sort the CRL.</source>
        <translation>CRL tidak dapat diurutkan.</translation>
    </message>
    <message>
        <source>Could not set the CRL number.</source>
        <translation>Nomor CRL tidak dapat ditetapkan.</translation>
    </message>
    <message>
        <source>Could not add the CRL&apos;s authority key identifier.</source>
        <translation>Authority key identifier CRL tidak dapat ditambahkan.</translation>
    </message>
    <message>
        <source>Could not sign the CRL.</source>
        <translation>CRL tidak dapat ditandatangani.</translation>
    </message>
    <message>
        <source>Could not encode the CRL.</source>
        <translation>CRL tidak dapat di-encode.</translation>
    </message>
</context>
<context>
    <name>DemoCommands</name>
    <message>
        <source>Fill an empty database with demo data for Kabupaten Natuna.</source>
        <translation>Isi basis data kosong dengan data demo Kabupaten Natuna.</translation>
    </message>
    <message>
        <source>Random seed; the same seed gives the same data.</source>
        <translation>Benih acak; benih yang sama menghasilkan data yang sama.</translation>
    </message>
    <message>
        <source>How many holders (%1 to 100000).</source>
        <translation>Jumlah pemegang sertifikat (%1 sampai 100000).</translation>
    </message>
    <message>
        <source>Fill an empty database with realistic demo data: holders over Natuna&apos;s offices, terms of office, certificates from a demo CA, accounts, and requests in every state. Refuses a database that already has holders.</source>
        <translation>Isi basis data kosong dengan data demo yang realistis: pemegang sertifikat di perangkat daerah Kabupaten Natuna, masa jabatan, sertifikat dari CA demo, akun, dan permohonan dalam setiap status. Basis data yang sudah berisi pemegang sertifikat ditolak.</translation>
    </message>
    <message>
        <source>--seed needs a whole number.</source>
        <translation>--seed memerlukan bilangan bulat.</translation>
    </message>
    <message>
        <source>--holders needs a number from %1 to 100000.</source>
        <translation>--holders memerlukan angka dari %1 sampai 100000.</translation>
    </message>
    <message>
        <source>Seeded %1 holders, %2 terms of office, %3 certificates, %4 requests and %5 accounts.</source>
        <translation>Data demo terisi: %1 pemegang sertifikat, %2 masa jabatan, %3 sertifikat, %4 permohonan, dan %5 akun.</translation>
    </message>
    <message>
        <source>Demo accounts (shown once):</source>
        <translation>Akun demo (hanya ditampilkan sekali):</translation>
    </message>
    <message>
        <source>Issue the certificates with the CA kept in DIR as the AMS simulator keeps it (ca.pem, ca-key.pem), creating it there when absent; start the simulator with --data DIR to serve them (default: a fresh CA that is thrown away).</source>
        <translation>Terbitkan sertifikat dengan CA yang disimpan di DIR sebagaimana simulator AMS menyimpannya (ca.pem, ca-key.pem), dan buat CA itu di sana bila belum ada; jalankan simulator dengan --data DIR untuk melayaninya (bawaan: CA baru yang langsung dibuang).</translation>
    </message>
    <message>
        <source>Base URL of the AMS simulator put into every certificate: URL/ocsp, URL/crl/ca.crl and URL/ca.crt (default: fixed URLs under http://127.0.0.1:8080 that nothing serves).</source>
        <translation>URL dasar simulator AMS yang dicantumkan di setiap sertifikat: URL/ocsp, URL/crl/ca.crl dan URL/ca.crt (bawaan: URL tetap di bawah http://127.0.0.1:8080 yang tidak dilayani apa pun).</translation>
    </message>
    <message>
        <source>--authority-dir needs a folder.</source>
        <translation>--authority-dir memerlukan sebuah folder.</translation>
    </message>
    <message>
        <source>--public-url needs an http or https URL.</source>
        <translation>--public-url memerlukan URL http atau https.</translation>
    </message>
</context>
<context>
    <name>DemoDataSeeder</name>
    <message>
        <source>operator</source>
        <translation>peran operator</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>peran supervisor</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>peran administrator</translation>
    </message>
    <message numerus="yes">
        <source>The register already holds %n holder(s); demo data is only seeded into an empty database.</source>
        <translation>
            <numerusform>Daftar pemegang sertifikat sudah berisi %n pemegang; data demo hanya diisikan ke basis data kosong.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / %2 (%3)</source>
        <translation>%1 / %2 (%3)</translation>
    </message>
    <message>
        <source>The demo register has no holder left for a request in the state %1.</source>
        <translation>Daftar pemegang demo tidak lagi memiliki pemegang untuk permohonan berstatus %1.</translation>
    </message>
    <message>
        <source>The demo register has no official to file for %1.</source>
        <translation>Daftar pemegang demo tidak memiliki pejabat yang dapat mengajukan atas nama %1.</translation>
    </message>
    <message>
        <source>A demo request ended as %1 instead of %2.</source>
        <translation>Permohonan demo berakhir dengan status %1, bukan %2.</translation>
    </message>
    <message>
        <source>No database is open.</source>
        <translation>Tidak ada basis data yang terbuka.</translation>
    </message>
    <message>
        <source>The demo needs at least %1 holders to show a request in every state.</source>
        <translation>Data demo memerlukan sekurang-kurangnya %1 pemegang sertifikat agar setiap status memiliki permohonan.</translation>
    </message>
    <message>
        <source>A revoked demo request has no certificate to prove.</source>
        <translation>Permohonan demo yang telah dicabut tidak memiliki sertifikat untuk dibuktikan.</translation>
    </message>
    <message>
        <source>Cannot write a demo CRL to %1.</source>
        <translation>CRL demo tidak dapat ditulis ke %1.</translation>
    </message>
    <message>
        <source>The demo CRL does not show certificate %1 as revoked.</source>
        <translation>CRL demo tidak mencantumkan sertifikat %1 sebagai sertifikat yang dicabut.</translation>
    </message>
    <message>
        <source>The demo&apos;s emblem is not built into this program.</source>
        <translation>Lambang demo tidak tersedia dalam program ini.</translation>
    </message>
</context>
<context>
    <name>HolderCommands</name>
    <message>
        <source>NIK or NIP prefix, or part of the name.</source>
        <translation>Awalan NIK atau NIP, atau sebagian nama.</translation>
    </message>
    <message>
        <source>At most N rows.</source>
        <translation>Paling banyak N baris.</translation>
    </message>
    <message>
        <source>Skip the first N rows.</source>
        <translation>Lewati N baris pertama.</translation>
    </message>
    <message>
        <source>List certificate holders by name.</source>
        <translation>Tampilkan daftar pemegang sertifikat menurut nama.</translation>
    </message>
    <message>
        <source>The holder&apos;s NIK.</source>
        <translation>NIK pemegang sertifikat.</translation>
    </message>
    <message>
        <source>Show one holder with their terms of office.</source>
        <translation>Tampilkan satu pemegang sertifikat beserta masa jabatannya.</translation>
    </message>
    <message>
        <source>holders show takes one NIK.</source>
        <translation>holders show memerlukan tepat satu NIK.</translation>
    </message>
    <message>
        <source>NIK: %1  NIP: %2</source>
        <translation>NIK: %1  NIP: %2</translation>
    </message>
    <message>
        <source>Unit: %1, %2</source>
        <translation>Unit kerja dan jabatan: %1, %2</translation>
    </message>
    <message>
        <source>E-mail: %1  AMS user name: %2</source>
        <translation>E-mail: %1  Nama pengguna AMS: %2</translation>
    </message>
    <message>
        <source>Employment status: %1</source>
        <translation>Status kepegawaian: %1</translation>
    </message>
    <message>
        <source>Terms of office:</source>
        <translation>Masa jabatan:</translation>
    </message>
    <message>
        <source>now</source>
        <translation>sekarang</translation>
    </message>
    <message>
        <source>The register of certificate holders and their terms of office.</source>
        <translation>Daftar pemegang sertifikat beserta masa jabatannya.</translation>
    </message>
</context>
<context>
    <name>HolderRepository</name>
    <message>
        <source>The holder&apos;s full name is missing.</source>
        <translation>Nama lengkap pemegang sertifikat belum diisi.</translation>
    </message>
    <message>
        <source>The holder&apos;s unit (perangkat daerah) is missing.</source>
        <translation>Unit kerja (perangkat daerah) pemegang sertifikat belum diisi.</translation>
    </message>
    <message>
        <source>Unknown employment status %1.</source>
        <translation>Status kepegawaian %1 tidak dikenal.</translation>
    </message>
    <message>
        <source>%1 is not an e-mail address.</source>
        <translation>%1 bukan alamat e-mail.</translation>
    </message>
    <message>
        <source>A holder with NIK %1 or NIP %2 is already registered.</source>
        <translation>Pemegang sertifikat dengan NIK %1 atau NIP %2 sudah terdaftar.</translation>
    </message>
    <message>
        <source>A term of office needs a position and a unit.</source>
        <translation>Masa jabatan memerlukan jabatan dan unit kerja.</translation>
    </message>
    <message>
        <source>A term of office needs a start date.</source>
        <translation>Masa jabatan memerlukan tanggal mulai.</translation>
    </message>
    <message>
        <source>A term of office cannot end before it starts.</source>
        <translation>Masa jabatan tidak boleh berakhir sebelum dimulai.</translation>
    </message>
    <message>
        <source>No holder has NIK %1.</source>
        <translation>Tidak ada pemegang sertifikat dengan NIK %1.</translation>
    </message>
    <message>
        <source>There is no holder with id %1.</source>
        <translation>Tidak ada pemegang sertifikat dengan id %1.</translation>
    </message>
</context>
<context>
    <name>IdentityNumbers</name>
    <message numerus="yes">
        <source>A NIK has exactly 16 digits (this one has %n).</source>
        <translation>
            <numerusform>NIK terdiri atas tepat 16 digit (yang ini %n digit).</numerusform>
        </translation>
    </message>
    <message>
        <source>The NIK starts with %1, which is no province code.</source>
        <translation>NIK diawali %1, yang bukan kode provinsi.</translation>
    </message>
    <message>
        <source>The NIK&apos;s digits 7 to 12 are not a date of birth.</source>
        <translation>Digit ke-7 sampai ke-12 NIK bukan tanggal lahir.</translation>
    </message>
    <message>
        <source>The NIK&apos;s last four digits cannot be 0000.</source>
        <translation>Empat digit terakhir NIK tidak boleh 0000.</translation>
    </message>
    <message numerus="yes">
        <source>A NIP has exactly 18 digits (this one has %n).</source>
        <translation>
            <numerusform>NIP terdiri atas tepat 18 digit (yang ini %n digit).</numerusform>
        </translation>
    </message>
    <message>
        <source>The NIP&apos;s first 8 digits are not a date of birth (yyyymmdd).</source>
        <translation>Delapan digit pertama NIP bukan tanggal lahir (yyyymmdd).</translation>
    </message>
    <message>
        <source>The NIP&apos;s digits 9 to 14 are not a month of appointment after the 15th birthday.</source>
        <translation>Digit ke-9 sampai ke-14 NIP bukan bulan pengangkatan sesudah ulang tahun ke-15.</translation>
    </message>
    <message>
        <source>The NIP&apos;s 15th digit must be 1 (male) or 2 (female).</source>
        <translation>Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan).</translation>
    </message>
</context>
<context>
    <name>JobLock</name>
    <message>
        <source>Cannot create the %1 lock file beside %2.</source>
        <translation>Berkas kunci %1 tidak dapat dibuat di samping %2.</translation>
    </message>
</context>
<context>
    <name>KioskFilings</name>
    <message>
        <source>NIK and e-mail do not match the register.</source>
        <translation>NIK dan surel tidak sesuai dengan data register.</translation>
    </message>
    <message>
        <source>The request was refused: a value is missing or not allowed.</source>
        <translation>Permohonan ditolak: ada isian yang kosong atau tidak diperbolehkan.</translation>
    </message>
</context>
<context>
    <name>KioskIntake</name>
    <message>
        <source>The kiosk filing names an unknown reason %1.</source>
        <translation>Pengajuan dari kios menyebut alasan %1 yang tidak dikenal.</translation>
    </message>
    <message>
        <source>Kiosk filing %1 was taken in by another desk meanwhile.</source>
        <translation>Pengajuan kios %1 telah lebih dahulu diterima oleh meja layanan lain.</translation>
    </message>
</context>
<context>
    <name>LocalFile</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 tidak dapat ditulis.</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Berkas %1 tidak ada.</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a folder, a pipe or a device); give a file.</source>
        <translation>%1 bukan berkas biasa (melainkan folder, pipa, atau perangkat); berikan sebuah berkas.</translation>
    </message>
    <message>
        <source>%1 exists and is not a folder.</source>
        <translation>%1 sudah ada dan bukan sebuah folder.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Folder %1 tidak dapat dibuat.</translation>
    </message>
</context>
<context>
    <name>MailCommands</name>
    <message>
        <source>The recipient.</source>
        <translation>Penerima.</translation>
    </message>
    <message>
        <source>Language of the message: id or en.</source>
        <translation>Bahasa pesan: id atau en.</translation>
    </message>
    <message>
        <source>Send a test message now with the mail/ settings, without the outbox, and show the server&apos;s answer.</source>
        <translation>Kirim pesan uji sekarang dengan pengaturan mail/, tanpa melalui kotak keluar, dan tampilkan jawaban server.</translation>
    </message>
    <message>
        <source>mail test needs --to ADDRESS.</source>
        <translation>mail test memerlukan --to ADDRESS.</translation>
    </message>
    <message>
        <source>--language must be id or en.</source>
        <translation>--language harus id atau en.</translation>
    </message>
    <message>
        <source>Sent to %1 through %2:%3; the server said: %4</source>
        <translation>Terkirim ke %1 melalui %2:%3; jawaban server: %4</translation>
    </message>
    <message>
        <source>Only rows in this state: %1.</source>
        <translation>Hanya baris dengan status ini: %1.</translation>
    </message>
    <message>
        <source>List the outbox with each row&apos;s state, attempts and last error.</source>
        <translation>Tampilkan isi kotak keluar beserta status, jumlah percobaan, dan kesalahan terakhir setiap baris.</translation>
    </message>
    <message>
        <source>--state must be one of %1.</source>
        <translation>--state harus salah satu dari %1.</translation>
    </message>
    <message>
        <source>Send every e-mail that is due; rows interrupted by a crash are sent again first. Exits with 1 when any e-mail was not sent.</source>
        <translation>Kirim setiap e-mail yang sudah waktunya dikirim; baris yang terputus karena crash dikirim ulang terlebih dahulu. Keluar dengan kode 1 jika ada e-mail yang tidak terkirim.</translation>
    </message>
    <message>
        <source>%1 e-mail(s) interrupted by a crash were queued again with their Message-ID.</source>
        <translation>%1 e-mail yang terputus karena crash telah dimasukkan kembali ke antrean dengan Message-ID-nya.</translation>
    </message>
    <message>
        <source>Sent %1, to retry later %2, failed %3.</source>
        <translation>Terkirim %1, akan dicoba lagi nanti %2, gagal %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail(s) were not sent; see mail list.</source>
        <translation>
            <numerusform>%n e-mail tidak terkirim; lihat mail list.</numerusform>
        </translation>
    </message>
    <message>
        <source>The outbox row&apos;s id.</source>
        <translation>Id baris kotak keluar.</translation>
    </message>
    <message>
        <source>Queue a failed e-mail again, due now (with its Message-ID); mail flush sends it.</source>
        <translation>Masukkan kembali e-mail yang gagal ke antrean, untuk dikirim sekarang (dengan Message-ID-nya); mail flush akan mengirimnya.</translation>
    </message>
    <message>
        <source>mail resend takes one outbox id.</source>
        <translation>mail resend memerlukan tepat satu id kotak keluar.</translation>
    </message>
    <message>
        <source>E-mail %1 to %2 is queued again; mail flush sends it.</source>
        <translation>E-mail %1 kepada %2 telah dimasukkan kembali ke antrean; mail flush akan mengirimnya.</translation>
    </message>
    <message>
        <source>E-mail to applicants: the outbox, sending what is due, a test message.</source>
        <translation>E-mail kepada pemohon: kotak keluar, pengiriman e-mail yang sudah waktunya, dan pesan uji.</translation>
    </message>
</context>
<context>
    <name>MailMessage</name>
    <message>
        <source>&quot;%1&quot; is not an e-mail address the desk can send to.</source>
        <translation>&quot;%1&quot; bukan alamat e-mail yang dapat dituju oleh Revocation Desk.</translation>
    </message>
    <message>
        <source>The message has no recipient.</source>
        <translation>Pesan ini tidak memiliki penerima.</translation>
    </message>
</context>
<context>
    <name>MailSettings</name>
    <message>
        <source>No SMTP server is set: set mail/host (see docs/mail.md).</source>
        <translation>Server SMTP belum diatur: atur mail/host (lihat docs/mail.md).</translation>
    </message>
    <message>
        <source>The SMTP settings are not usable: mail/port must be 1 to 65535 and mail/security one of none, starttls, tls.</source>
        <translation>Pengaturan SMTP tidak dapat digunakan: mail/port harus 1 sampai 65535 dan mail/security salah satu dari none, starttls, tls.</translation>
    </message>
    <message>
        <source>Set the sender&apos;s address (mail/senderAddress) to send e-mail.</source>
        <translation>Atur alamat pengirim (mail/senderAddress) untuk mengirim e-mail.</translation>
    </message>
    <message>
        <source>mail/timeoutSeconds must be more than 0.</source>
        <translation>mail/timeoutSeconds harus lebih dari 0.</translation>
    </message>
    <message>
        <source>The desk does not send mail in plain text to %1, which is not this computer: set mail/security to starttls or tls (none is only for a relay on loopback).</source>
        <translation>Aplikasi tidak mengirim surel dalam teks biasa ke %1, yang bukan komputer ini: atur mail/security menjadi starttls atau tls (none hanya untuk relai pada loopback).</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>Migration %1 (%2) failed; the database was left at the version before it.</source>
        <translation>Migrasi %1 (%2) gagal; basis data tetap pada versi sebelumnya.</translation>
    </message>
    <message>
        <source>The database is at schema version %1 but this program needs %2: run `revocation-desk-cli db migrate` first.</source>
        <translation>Basis data berada pada versi skema %1, sedangkan program ini memerlukan versi %2: jalankan `revocation-desk-cli db migrate` terlebih dahulu.</translation>
    </message>
    <message>
        <source>The database is at schema version %1, newer than this program knows (%2): update Revocation Desk.</source>
        <translation>Basis data berada pada versi skema %1, lebih baru daripada yang dikenal program ini (%2): perbarui Revocation Desk.</translation>
    </message>
</context>
<context>
    <name>NotificationComposer</name>
    <message>
        <source>The e-mail template %1 (%2) is missing from the program.</source>
        <translation>Templat e-mail %1 (%2) tidak ada dalam program.</translation>
    </message>
</context>
<context>
    <name>NumberOption</name>
    <message>
        <source>%1 needs a whole number from %2 to %3.</source>
        <translation>%1 memerlukan bilangan bulat dari %2 sampai dengan %3.</translation>
    </message>
</context>
<context>
    <name>OfficeSettings</name>
    <message>
        <source>Only an administrator changes the office&apos;s settings.</source>
        <translation>Hanya administrator yang dapat mengubah pengaturan kantor.</translation>
    </message>
    <message>
        <source>%1 is not a setting of the office; known: %2.</source>
        <translation>%1 bukan pengaturan kantor; yang dikenal: %2.</translation>
    </message>
    <message>
        <source>%1 is on or off: give true or false, not &quot;%2&quot;.</source>
        <translation>%1 hanya aktif atau nonaktif: berikan true atau false, bukan &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The emblem must be a PNG or JPEG image; this file is not one.</source>
        <translation>Lambang harus berupa gambar PNG atau JPEG; berkas ini bukan gambar seperti itu.</translation>
    </message>
    <message>
        <source>The emblem must be at most %1 KB.</source>
        <translation>Lambang paling besar %1 KB.</translation>
    </message>
    <message>
        <source>%1 takes at most %2 characters.</source>
        <translation>%1 paling banyak %2 karakter.</translation>
    </message>
    <message>
        <source>The kiosk&apos;s exit PIN must be %1 to %2 digits (0-9), nothing else.</source>
        <translation>PIN keluar kios harus %1 sampai %2 angka (0-9), tanpa karakter lain.</translation>
    </message>
    <message>
        <source>No PIN to leave the kiosk is set; an administrator sets one with config set kiosk/exitPin.</source>
        <translation>Belum ada PIN untuk keluar dari kios; administrator mengaturnya dengan config set kiosk/exitPin.</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>There is no e-mail with id %1 in the outbox.</source>
        <translation>Tidak ada e-mail dengan id %1 di kotak keluar.</translation>
    </message>
    <message>
        <source>Interrupted while sending (attempt started %1); sent again with the same Message-ID, so the recipient may get it twice.</source>
        <translation>Pengiriman terputus (percobaan dimulai %1); dikirim ulang dengan Message-ID yang sama, sehingga penerima mungkin menerimanya dua kali.</translation>
    </message>
    <message>
        <source>Gave up after %1 attempts; the last: %2</source>
        <translation>Dihentikan setelah %1 kali percobaan; kesalahan terakhir: %2</translation>
    </message>
    <message>
        <source>E-mail %1 was already sent (%2); it is not sent twice.</source>
        <translation>E-mail %1 sudah terkirim (%2); e-mail tidak dikirim dua kali.</translation>
    </message>
    <message>
        <source>E-mail %1 is being sent right now.</source>
        <translation>E-mail %1 sedang dikirim saat ini.</translation>
    </message>
    <message>
        <source>E-mail %1 is no longer %2, so it was not marked %3; another worker or an operator changed it first.</source>
        <translation>Surel %1 tidak lagi berstatus %2, sehingga tidak ditandai %3; pengirim lain atau operator telah mengubahnya lebih dahulu.</translation>
    </message>
    <message>
        <source>Only a logged-in member of staff sends an e-mail again.</source>
        <translation>Hanya petugas yang telah masuk yang dapat mengirim ulang surel.</translation>
    </message>
</context>
<context>
    <name>OutboxWorker</name>
    <message>
        <source>Another outbox worker (mail flush) is sending for this database; try again when it has finished.</source>
        <translation>Proses kotak keluar lain (mail flush) sedang mengirim untuk basis data ini; coba lagi setelah proses tersebut selesai.</translation>
    </message>
    <message>
        <source>e-mail %1 to %2: %3</source>
        <translation>e-mail %1 kepada %2: %3</translation>
    </message>
    <message>
        <source>The recipient address is not one the desk can send to; correct the request&apos;s e-mail address and queue it again.</source>
        <translation>Alamat penerima tidak dapat dikirimi oleh aplikasi; perbaiki alamat surel pada permohonan lalu antrekan kembali.</translation>
    </message>
    <message>
        <source>e-mail %1: %2</source>
        <translation>surel %1: %2</translation>
    </message>
    <message>
        <source>This database holds demo data, so its e-mails are sent only to an SMTP server on this machine (localhost, 127.0.0.1 or ::1), never to %1: demo addresses are made up and must not reach a real mail server. Nothing was sent; the e-mails stay in the outbox.</source>
        <translation>Basis data ini berisi data demo sehingga e-mailnya hanya dikirim ke server SMTP di komputer ini (localhost, 127.0.0.1 atau ::1), tidak pernah ke %1: alamat demo adalah rekaan dan tidak boleh sampai ke server e-mail sungguhan. Tidak ada yang dikirim; e-mail tetap berada di kotak keluar.</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Pilih semua</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>&amp;Naikkan</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>&amp;Turunkan</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>Penggunaan: %1</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Opsi:</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>Argumen:</translation>
    </message>
    <message>
        <source>[options]</source>
        <translation>[opsi]</translation>
    </message>
    <message>
        <source>Displays help on commandline options.</source>
        <translation>Menampilkan bantuan tentang opsi baris perintah.</translation>
    </message>
    <message>
        <source>Displays version information.</source>
        <translation>Menampilkan informasi versi.</translation>
    </message>
    <message>
        <source>Unknown option &apos;%1&apos;.</source>
        <translation>Opsi &apos;%1&apos; tidak dikenal.</translation>
    </message>
    <message>
        <source>Unknown options: %1.</source>
        <translation>Opsi tidak dikenal: %1.</translation>
    </message>
    <message>
        <source>Missing value after &apos;%1&apos;.</source>
        <translation>Nilai setelah &apos;%1&apos; tidak ada.</translation>
    </message>
    <message>
        <source>Unexpected value after &apos;%1&apos;.</source>
        <translation>Ada nilai yang tidak diharapkan setelah &apos;%1&apos;.</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Batalkan</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ulangi</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Po&amp;tong</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Salin</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>T&amp;empel</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Pilih semua</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Tampilkan rincian...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Sembunyikan rincian...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ya</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Tidak</translation>
    </message>
</context>
<context>
    <name>RequestCommands</name>
    <message>
        <source>Only requests in this state (%1).</source>
        <translation>Hanya permohonan dengan status ini (%1).</translation>
    </message>
    <message>
        <source>Agenda number, NIK or NIP prefix, or part of the holder&apos;s name.</source>
        <translation>Nomor agenda, awalan NIK atau NIP, atau sebagian nama pemegang sertifikat.</translation>
    </message>
    <message>
        <source>At most N rows.</source>
        <translation>Paling banyak N baris.</translation>
    </message>
    <message>
        <source>Oldest first (default: newest first).</source>
        <translation>Urutkan dari yang terlama (bawaan: dari yang terbaru).</translation>
    </message>
    <message>
        <source>List revocation requests, newest first.</source>
        <translation>Tampilkan daftar permohonan pencabutan, mulai dari yang terbaru.</translation>
    </message>
    <message>
        <source>Unknown state &quot;%1&quot;.</source>
        <translation>Status &quot;%1&quot; tidak dikenal.</translation>
    </message>
    <message>
        <source>Agenda number (SE/2026/11/0001) or #id.</source>
        <translation>Nomor agenda (SE/2026/11/0001) atau #id.</translation>
    </message>
    <message>
        <source>Show one request with its SOP steps.</source>
        <translation>Tampilkan satu permohonan beserta langkah SOP-nya.</translation>
    </message>
    <message>
        <source>requests show takes one agenda number.</source>
        <translation>requests show memerlukan tepat satu nomor agenda.</translation>
    </message>
    <message>
        <source>Request %1 (#%2), %3</source>
        <translation>Permohonan %1 (#%2), %3</translation>
    </message>
    <message>
        <source>without agenda number</source>
        <translation>tanpa nomor agenda</translation>
    </message>
    <message>
        <source>Holder: %1, NIK %2, %3</source>
        <translation>Pemegang: %1, NIK %2, %3</translation>
    </message>
    <message>
        <source>Reason: %1 (CRL reason %2)</source>
        <translation>Alasan: %1 (alasan CRL %2)</translation>
    </message>
    <message>
        <source>Filed on the holder&apos;s behalf by %1 (NIP %2), %3</source>
        <translation>Diajukan atas nama pemegang oleh %1 (NIP %2), %3</translation>
    </message>
    <message>
        <source>Certificate serial: %1</source>
        <translation>Nomor seri sertifikat: %1</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>Verifikator: %1</translation>
    </message>
    <message>
        <source>Closing reason: %1</source>
        <translation>Alasan penutupan: %1</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Langkah:</translation>
    </message>
    <message>
        <source>Time per SOP step (actual / standard minutes):</source>
        <translation>Waktu per langkah SOP (menit aktual / mutu baku):</translation>
    </message>
    <message>
        <source>The holder&apos;s NIK.</source>
        <translation>NIK pemegang sertifikat.</translation>
    </message>
    <message>
        <source>Reason: %1.</source>
        <translation>Alasan: %1.</translation>
    </message>
    <message>
        <source>The reason in the applicant&apos;s words.</source>
        <translation>Alasan dengan kata-kata pemohon sendiri.</translation>
    </message>
    <message>
        <source>Serial (hex) of the holder&apos;s certificate.</source>
        <translation>Nomor seri (heksadesimal) sertifikat pemegang.</translation>
    </message>
    <message>
        <source>Date the reason took effect (YYYY-MM-DD).</source>
        <translation>Tanggal alasan mulai berlaku (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>Official filing on the holder&apos;s behalf.</source>
        <translation>Pejabat yang mengajukan atas nama pemegang.</translation>
    </message>
    <message>
        <source>The official&apos;s NIP.</source>
        <translation>NIP pejabat.</translation>
    </message>
    <message>
        <source>The official&apos;s position.</source>
        <translation>Jabatan pejabat.</translation>
    </message>
    <message>
        <source>Where the applicant is told the outcome.</source>
        <translation>Alamat e-mail untuk memberitahukan hasil kepada pemohon.</translation>
    </message>
    <message>
        <source>The applicant&apos;s language, id or en.</source>
        <translation>Bahasa pemohon, id atau en.</translation>
    </message>
    <message>
        <source>File a revocation request and give it its agenda number.</source>
        <translation>Ajukan permohonan pencabutan dan berikan nomor agendanya.</translation>
    </message>
    <message>
        <source>requests file needs --holder and --reason.</source>
        <translation>requests file memerlukan --holder dan --reason.</translation>
    </message>
    <message>
        <source>Unknown reason &quot;%1&quot;.</source>
        <translation>Alasan &quot;%1&quot; tidak dikenal.</translation>
    </message>
    <message>
        <source>--effective-date must be YYYY-MM-DD.</source>
        <translation>--effective-date harus berformat YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>%1 has no certificate with serial %2.</source>
        <translation>%1 tidak memiliki sertifikat dengan nomor seri %2.</translation>
    </message>
    <message>
        <source>Filed as %1.</source>
        <translation>Diajukan dengan nomor agenda %1.</translation>
    </message>
    <message>
        <source>Agenda number or #id.</source>
        <translation>Nomor agenda atau #id.</translation>
    </message>
    <message>
        <source>One of: %1.</source>
        <translation>Salah satu dari: %1.</translation>
    </message>
    <message>
        <source>Reason or note (required to reject, cancel, ask for documents or record a failure).</source>
        <translation>Alasan atau catatan (wajib untuk menolak, membatalkan, meminta kelengkapan berkas, atau mencatat kegagalan).</translation>
    </message>
    <message>
        <source>The AMS reference of the request.</source>
        <translation>Nomor referensi AMS untuk permohonan ini.</translation>
    </message>
    <message>
        <source>Refuse if the request changed since this version.</source>
        <translation>Tolak jika permohonan telah berubah sejak versi ini.</translation>
    </message>
    <message>
        <source>Move a request one step along the SOP, with its step event and audit entry.</source>
        <translation>Majukan permohonan satu langkah sesuai SOP, beserta catatan langkah dan entri auditnya.</translation>
    </message>
    <message>
        <source>requests apply takes an agenda number and an action.</source>
        <translation>requests apply memerlukan nomor agenda dan tindakan.</translation>
    </message>
    <message>
        <source>Unknown action &quot;%1&quot;.</source>
        <translation>Tindakan &quot;%1&quot; tidak dikenal.</translation>
    </message>
    <message>
        <source>--expect-version needs a number.</source>
        <translation>--expect-version memerlukan angka.</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3</source>
        <translation>%1: %2 -&gt; %3</translation>
    </message>
    <message>
        <source>Revocation requests: the queue, one request&apos;s steps, filing with its files, moving a request along the SOP, and taking in what kiosks filed.</source>
        <translation>Permohonan pencabutan: antrean, langkah satu permohonan, pengajuan beserta berkasnya, memajukan permohonan sesuai SOP, dan penerimaan pengajuan dari kios.</translation>
    </message>
    <message>
        <source>Take in what kiosks filed through the database function (PostgreSQL): each filing becomes a request with its agenda number, in the kiosk&apos;s name; a filing the rules refuse is marked refused with the reason.</source>
        <translation>Menerima pengajuan dari kios melalui fungsi basis data (PostgreSQL): setiap pengajuan menjadi permohonan dengan nomor agendanya, atas nama kios; pengajuan yang tidak memenuhi ketentuan ditandai ditolak beserta alasannya.</translation>
    </message>
    <message>
        <source>requests intake takes no arguments.</source>
        <translation>requests intake tidak menerima argumen.</translation>
    </message>
    <message>
        <source>No kiosk filing is waiting.</source>
        <translation>Tidak ada pengajuan kios yang menunggu.</translation>
    </message>
    <message>
        <source>%1 filed as %2.</source>
        <translation>%1 diajukan sebagai %2.</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 ditolak: %2</translation>
    </message>
    <message>
        <source>A file to attach, as KIND=FILE (KIND: %1); PDF, JPEG or PNG, at most attachments/maxBytes (1 MB unless set). Repeatable.</source>
        <translation>Berkas yang dilampirkan, sebagai JENIS=BERKAS (JENIS: %1); PDF, JPEG, atau PNG, paling besar attachments/maxBytes (1 MB bila tidak diatur). Dapat diulang.</translation>
    </message>
    <message>
        <source>--attach takes KIND=FILE with KIND one of %1; &quot;%2&quot; is not that.</source>
        <translation>--attach menerima JENIS=BERKAS dengan JENIS salah satu dari %1; &quot;%2&quot; tidak demikian.</translation>
    </message>
    <message>
        <source>List a request&apos;s files: number, kind, name, type, size and SHA-256.</source>
        <translation>Daftar berkas sebuah permohonan: nomor, jenis, nama, tipe, ukuran, dan SHA-256.</translation>
    </message>
    <message>
        <source>Request %1 has no files.</source>
        <translation>Permohonan %1 tidak memiliki berkas.</translation>
    </message>
    <message>
        <source>The file&apos;s number (requests attachments).</source>
        <translation>Nomor berkas (requests attachments).</translation>
    </message>
    <message>
        <source>Where to write it; must not exist yet.</source>
        <translation>Tempat menulisnya; belum boleh ada.</translation>
    </message>
    <message>
        <source>Write one of a request&apos;s files to disk, checked against its SHA-256.</source>
        <translation>Tulis salah satu berkas permohonan ke disk, diperiksa terhadap SHA-256-nya.</translation>
    </message>
    <message>
        <source>requests attachment takes an agenda number and a file number.</source>
        <translation>requests attachment menerima nomor agenda dan nomor berkas.</translation>
    </message>
    <message>
        <source>requests attachment needs --out FILE.</source>
        <translation>requests attachment memerlukan --out BERKAS.</translation>
    </message>
    <message>
        <source>%1 exists already; the file is not written over. Choose another name.</source>
        <translation>%1 sudah ada; berkas tidak ditimpa. Pilih nama lain.</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 bytes, SHA-256 checked).</source>
        <translation>%1 ditulis (%2 byte, SHA-256 sudah diperiksa).</translation>
    </message>
    <message>
        <source>Add files to a filed request: the applicant while it is filed or needs completion, staff until it is over.</source>
        <translation>Tambahkan berkas ke permohonan yang sudah diajukan: pemohon selama permohonan diajukan atau perlu dilengkapi, petugas hingga permohonan selesai.</translation>
    </message>
    <message>
        <source>requests attach takes an agenda number and KIND=FILE.</source>
        <translation>requests attach menerima nomor agenda dan JENIS=BERKAS.</translation>
    </message>
    <message>
        <source>Take a filed request for verification (SOP step 6); nobody else works it then.</source>
        <translation>Ambil permohonan yang diajukan untuk diverifikasi (langkah SOP 6); selama itu tidak ada orang lain yang menanganinya.</translation>
    </message>
    <message>
        <source>Every item of the checklist passed.</source>
        <translation>Semua butir daftar periksa lolos.</translation>
    </message>
    <message>
        <source>An item that failed, with an optional note for the applicant (repeatable; the others passed). Items: %1.</source>
        <translation>Butir yang tidak lolos, dengan catatan untuk pemohon bila perlu (dapat diulang; butir lain dianggap lolos). Butir: %1.</translation>
    </message>
    <message>
        <source>Record the data check of SOP step 6 (Hasil Verifikasi Data): all passed moves the request to verified; a failed item to needs completion, with an e-mail to the applicant listing what is missing.</source>
        <translation>Catat pemeriksaan data langkah SOP 6 (Hasil Verifikasi Data): bila semua lolos, permohonan menjadi terverifikasi; bila ada butir yang tidak lolos, permohonan perlu dilengkapi dan pemohon menerima surel berisi daftar kekurangannya.</translation>
    </message>
    <message>
        <source>requests verify needs either --all-passed or --failed ITEM.</source>
        <translation>requests verify memerlukan --all-passed atau --failed BUTIR, salah satunya.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an item of this request&apos;s checklist.</source>
        <translation>&quot;%1&quot; bukan butir daftar periksa permohonan ini.</translation>
    </message>
    <message>
        <source>Show what the steps found and kept: the checklist, the DN report, the proof.</source>
        <translation>Tampilkan hasil yang dicatat setiap langkah: daftar periksa, laporan DN, dan bukti pencabutan.</translation>
    </message>
    <message>
        <source>No step of %1 has recorded a result yet.</source>
        <translation>Belum ada langkah %1 yang mencatat hasil.</translation>
    </message>
    <message>
        <source>The certificate as a file (PEM, DER or PKCS#7); without it, the one the request names in the register.</source>
        <translation>Sertifikat sebagai berkas (PEM, DER, atau PKCS#7); tanpa opsi ini, sertifikat yang disebut permohonan di register.</translation>
    </message>
    <message>
        <source>Why a certificate that needs review is the holder&apos;s; kept with the report.</source>
        <translation>Alasan sertifikat yang perlu ditinjau memang milik pemegang; disimpan bersama laporan.</translation>
    </message>
    <message>
        <source>Match the certificate&apos;s subject with the holder (SOP step 7) and keep the report. Exit 0 matched, 3 mismatch (kept; the request stays verified), 4 needs review without a justification (nothing kept).</source>
        <translation>Cocokkan subjek sertifikat dengan pemegangnya (langkah SOP 7) dan simpan laporannya. Kode keluar 0 cocok, 3 tidak cocok (disimpan; permohonan tetap terverifikasi), 4 perlu ditinjau tanpa alasan pembenaran (tidak ada yang disimpan).</translation>
    </message>
    <message>
        <source>The certificate is not the holder&apos;s: the report is kept and the request stays verified. Find the holder&apos;s own certificate.</source>
        <translation>Sertifikat ini bukan milik pemegang: laporan disimpan dan permohonan tetap terverifikasi. Cari sertifikat milik pemegang sendiri.</translation>
    </message>
    <message>
        <source>The certificate needs review: look at the report and, if it is the holder&apos;s, run this again with --justification TEXT. Nothing was kept.</source>
        <translation>Sertifikat perlu ditinjau: periksa laporannya dan, bila memang milik pemegang, jalankan lagi dengan --justification TEKS. Tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>%1 takes one agenda number.</source>
        <translation>%1 menerima satu nomor agenda.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a step of the workflow: use `%2`.</source>
        <translation>&quot;%1&quot; merupakan langkah alur kerja: gunakan `%2`.</translation>
    </message>
    <message>
        <source>--wait needs a number of seconds from 0 to %1.</source>
        <translation>--wait memerlukan jumlah detik dari 0 sampai %1.</translation>
    </message>
    <message>
        <source>Send the call to AMS and seek the proof for up to this long (0 to 3600; default 0: queue it for the worker).</source>
        <translation>Kirim panggilan ke AMS dan cari bukti pencabutan paling lama selama waktu ini (0 sampai 3600; bawaan 0: masukkan ke antrean untuk proses latar belakang).</translation>
    </message>
    <message>
        <source>AMS cannot be reached from here (%1); the worker sends the call.</source>
        <translation>AMS tidak dapat dihubungi dari sini (%1); panggilan akan dikirim oleh proses latar belakang.</translation>
    </message>
    <message>
        <source>The revocation of %1 failed: %2. `requests revoke %1` sends the same call again.</source>
        <translation>Pencabutan %1 gagal: %2. `requests revoke %1` akan mengirim ulang panggilan yang sama.</translation>
    </message>
    <message>
        <source>Request %1 waits for a supervisor&apos;s approval: `requests approve %1`.</source>
        <translation>Permohonan %1 menunggu persetujuan penyelia: `requests approve %1`.</translation>
    </message>
    <message>
        <source>revoke it in AMS&apos;s pages, then `requests revoke %1 --ams-reference REF`</source>
        <translation>cabut melalui halaman AMS, lalu jalankan `requests revoke %1 --ams-reference REF`</translation>
    </message>
    <message>
        <source>Request %1: %2. The worker carries it on.</source>
        <translation>Permohonan %1: %2. Proses latar belakang akan melanjutkannya.</translation>
    </message>
    <message>
        <source>Portal backend: AMS&apos;s reference of the revocation you made in AMS&apos;s pages, as AMS shows it.</source>
        <translation>Backend portal: nomor referensi AMS untuk pencabutan yang Anda lakukan di halaman AMS, sebagaimana ditampilkan oleh AMS.</translation>
    </message>
    <message>
        <source>Approve a revocation another person asked for (dual control; supervisor): the call to AMS is queued. Exit 0 revoked with proof, 4 still on its way when the wait ends, 1 failed.</source>
        <translation>Setujui pencabutan yang diminta oleh petugas lain (kontrol ganda; penyelia): panggilan ke AMS dimasukkan ke antrean. Kode keluar 0 dicabut beserta buktinya, 4 masih diproses saat waktu tunggu berakhir, 1 gagal.</translation>
    </message>
    <message>
        <source>Revoke the certificate (SOP step 8): the call to AMS is queued with the state change and sent once, by this command while --wait lasts or by the worker; then the proof is sought (OCSP, then the CRL). Under dual control it asks a supervisor first. After a failure it sends the same call again. Exit 0 revoked with proof, 4 still on its way when the wait ends, 1 failed.</source>
        <translation>Cabut sertifikat (langkah SOP 8): panggilan ke AMS dimasukkan ke antrean bersamaan dengan perubahan status dan dikirim satu kali, oleh perintah ini selama --wait berlangsung atau oleh proses latar belakang; kemudian bukti pencabutan dicari (OCSP, lalu CRL). Jika kontrol ganda aktif, perintah ini terlebih dahulu meminta persetujuan penyelia. Setelah terjadi kegagalan, perintah ini mengirim ulang panggilan yang sama. Kode keluar 0 dicabut beserta buktinya, 4 masih diproses saat waktu tunggu berakhir, 1 gagal.</translation>
    </message>
    <message>
        <source>Tell the applicant the certificate is revoked (SOP step 9): the e-mail, with the proof, is queued in the outbox with the state change; the worker or `mail flush` sends it.</source>
        <translation>Beri tahu pemohon bahwa sertifikatnya telah dicabut (langkah SOP 9): e-mail beserta buktinya dimasukkan ke antrean kotak keluar bersamaan dengan perubahan status; e-mail dikirim oleh proses latar belakang atau `mail flush`.</translation>
    </message>
    <message>
        <source>Close a request whose applicant was told (SOP step 10).</source>
        <translation>Tutup permohonan yang pemohonnya telah diberi tahu (langkah SOP 10).</translation>
    </message>
    <message>
        <source>AMS reference: %1</source>
        <translation>Nomor referensi AMS: %1</translation>
    </message>
    <message numerus="yes">
        <source>AMS %1: %2, %n attempt(s)</source>
        <translation>
            <numerusform>AMS %1: %2, %n kali percobaan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AMS lists %n active certificate(s) of this holder (%1); give the one to revoke with --certificate FILE.</source>
        <translation>
            <numerusform>AMS mencantumkan %n sertifikat aktif pemegang ini (%1); tunjukkan yang akan dicabut dengan --certificate BERKAS.</numerusform>
        </translation>
    </message>
    <message>
        <source>AMS does not list the certificate %1 for this holder (it lists: %2).</source>
        <translation>AMS tidak mencantumkan sertifikat %1 untuk pemegang ini (yang tercantum: %2).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>Take the certificate from AMS&apos;s list of the holder&apos;s certificates (rest backend): the one with the request&apos;s serial, or the holder&apos;s only active one.</source>
        <translation>Ambil sertifikat dari daftar sertifikat pemegang di AMS (backend rest): yang bernomor seri sesuai permohonan, atau satu-satunya sertifikat aktif pemegang.</translation>
    </message>
    <message>
        <source>Give --certificate FILE or --from-ams, not both.</source>
        <translation>Berikan --certificate BERKAS atau --from-ams, jangan keduanya.</translation>
    </message>
</context>
<context>
    <name>RequestLifecycle</name>
    <message>
        <source>Choose the certificate holder.</source>
        <translation>Pilih pemegang sertifikat.</translation>
    </message>
    <message>
        <source>Unknown filing channel %1.</source>
        <translation>Saluran pengajuan %1 tidak dikenal.</translation>
    </message>
    <message>
        <source>The applicant&apos;s language must be id or en.</source>
        <translation>Bahasa pemohon harus id atau en.</translation>
    </message>
    <message>
        <source>Give the name of the official filing on the holder&apos;s behalf.</source>
        <translation>Isikan nama pejabat yang mengajukan atas nama pemegang.</translation>
    </message>
    <message>
        <source>The official&apos;s NIP must have 18 digits.</source>
        <translation>NIP pejabat harus terdiri atas 18 digit.</translation>
    </message>
    <message>
        <source>A deceased holder cannot file: the superior files on their behalf.</source>
        <translation>Pemegang yang telah meninggal dunia tidak dapat mengajukan sendiri: atasan mengajukan atas namanya.</translation>
    </message>
    <message>
        <source>Explain the reason when it is &quot;Other&quot;.</source>
        <translation>Jelaskan alasannya jika memilih &quot;Lainnya&quot;.</translation>
    </message>
    <message>
        <source>That certificate does not belong to this holder.</source>
        <translation>Sertifikat tersebut bukan milik pemegang ini.</translation>
    </message>
    <message>
        <source>There is no revocation request with id %1.</source>
        <translation>Tidak ada permohonan pencabutan dengan id %1.</translation>
    </message>
    <message>
        <source>Request %1 has an unknown state %2.</source>
        <translation>Permohonan %1 memiliki status yang tidak dikenal: %2.</translation>
    </message>
    <message>
        <source>Request %1 was changed on another workstation; reload it and try again.</source>
        <translation>Permohonan %1 telah diubah di komputer lain; muat ulang lalu coba lagi.</translation>
    </message>
    <message>
        <source>Request %1 is already being verified by %2.</source>
        <translation>Permohonan %1 sedang diverifikasi oleh %2.</translation>
    </message>
    <message>
        <source>another operator</source>
        <translation>verifikator lain</translation>
    </message>
    <message>
        <source>A request that is &quot;%1&quot; cannot take the step &quot;%2&quot;.</source>
        <translation>Permohonan berstatus &quot;%1&quot; tidak dapat menjalani langkah &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Give a reason for &quot;%1&quot;.</source>
        <translation>Berikan alasan untuk &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Request %1 was just claimed by another operator.</source>
        <translation>Permohonan %1 baru saja diambil oleh verifikator lain.</translation>
    </message>
    <message>
        <source>The applicant&apos;s e-mail address must be one line.</source>
        <translation>Alamat surel pemohon harus ditulis dalam satu baris.</translation>
    </message>
    <message>
        <source>Request %1 is revoked only through the AMS queue (requests revoke, or the workbench), so that AMS revokes it once.</source>
        <translation>Permohonan %1 hanya dapat dicabut melalui antrean AMS (requests revoke, atau meja kerja), agar AMS mencabutnya satu kali saja.</translation>
    </message>
    <message>
        <source>AMS has not confirmed the revocation of request %1.</source>
        <translation>AMS belum mengonfirmasi pencabutan permohonan %1.</translation>
    </message>
    <message>
        <source>Request %1 has no proof of revocation from OCSP or a CRL yet.</source>
        <translation>Permohonan %1 belum memiliki bukti pencabutan dari OCSP atau CRL.</translation>
    </message>
    <message>
        <source>Say how the official stands to the holder in at most 200 characters.</source>
        <translation>Sebutkan hubungan pejabat dengan pemegang dalam paling banyak 200 karakter.</translation>
    </message>
</context>
<context>
    <name>RequestPermissions</name>
    <message>
        <source>Only staff can do this at a workstation.</source>
        <translation>Hanya petugas yang dapat melakukan ini di komputer kerja.</translation>
    </message>
    <message>
        <source>This account has no role.</source>
        <translation>Akun ini tidak memiliki peran.</translation>
    </message>
    <message>
        <source>Request %1 was claimed by %2.</source>
        <translation>Permohonan %1 telah diambil oleh %2.</translation>
    </message>
    <message>
        <source>Dual control is on: a supervisor must approve request %1 before it is revoked.</source>
        <translation>Kontrol ganda aktif: penyelia harus menyetujui permohonan %1 sebelum sertifikat dicabut.</translation>
    </message>
    <message>
        <source>Only a supervisor can approve a revocation.</source>
        <translation>Hanya penyelia yang dapat menyetujui pencabutan.</translation>
    </message>
    <message>
        <source>The person who asked for approval cannot also give it.</source>
        <translation>Orang yang meminta persetujuan tidak dapat sekaligus memberikannya.</translation>
    </message>
    <message>
        <source>Only a logged-in operator, supervisor or administrator can do this.</source>
        <translation>Hanya operator, penyelia, atau administrator yang telah masuk yang dapat melakukan ini.</translation>
    </message>
    <message>
        <source>The background worker only records what AMS and the status services answered.</source>
        <translation>Proses latar belakang hanya mencatat jawaban dari AMS dan layanan status.</translation>
    </message>
</context>
<context>
    <name>RequestStates</name>
    <message>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Diajukan</translation>
    </message>
    <message>
        <source>In verification</source>
        <translation>Dalam verifikasi</translation>
    </message>
    <message>
        <source>Needs completion</source>
        <translation>Perlu dilengkapi</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Terverifikasi</translation>
    </message>
    <message>
        <source>Certificate matched</source>
        <translation>Sertifikat sesuai</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Menunggu persetujuan</translation>
    </message>
    <message>
        <source>Revoked, awaiting proof</source>
        <translation>Dicabut, menunggu bukti</translation>
    </message>
    <message>
        <source>Revocation failed</source>
        <translation>Pencabutan gagal</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Dicabut</translation>
    </message>
    <message>
        <source>Applicant notified</source>
        <translation>Pemohon telah diberi tahu</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Ajukan</translation>
    </message>
    <message>
        <source>Claim for verification</source>
        <translation>Ambil untuk verifikasi</translation>
    </message>
    <message>
        <source>Ask for missing documents</source>
        <translation>Minta kelengkapan berkas</translation>
    </message>
    <message>
        <source>Resubmit with completed documents</source>
        <translation>Ajukan kembali dengan berkas lengkap</translation>
    </message>
    <message>
        <source>Data and documents verified</source>
        <translation>Data dan berkas terverifikasi</translation>
    </message>
    <message>
        <source>Certificate matches the holder</source>
        <translation>Sertifikat sesuai dengan pemegang</translation>
    </message>
    <message>
        <source>Ask a supervisor to approve</source>
        <translation>Minta persetujuan penyelia</translation>
    </message>
    <message>
        <source>Revoked in AMS, awaiting proof</source>
        <translation>Dicabut di AMS, menunggu bukti</translation>
    </message>
    <message>
        <source>Revocation confirmed</source>
        <translation>Pencabutan terkonfirmasi</translation>
    </message>
    <message>
        <source>Retry the revocation</source>
        <translation>Ulangi pencabutan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batalkan</translation>
    </message>
    <message>
        <source>Revocation sent to AMS</source>
        <translation>Pencabutan telah dikirim ke AMS</translation>
    </message>
    <message>
        <source>Revoke in AMS</source>
        <translation>Cabut di AMS</translation>
    </message>
</context>
<context>
    <name>RevocationDesk</name>
    <message>
        <source>Revocation Desk: the workstation for revoking electronic certificates (Layanan Pencabutan Sertifikat Elektronik).</source>
        <translation>Revocation Desk (Layanan Pencabutan Sertifikat Elektronik): aplikasi kerja untuk mencabut sertifikat elektronik.</translation>
    </message>
    <message>
        <source>The database, sqlite:PATH or postgresql://user@host:port/dbname. Default: REVOCATION_DESK_DATABASE, then the setting database/url, then the file in the data folder.</source>
        <translation>Basis data, sqlite:PATH atau postgresql://user@host:port/dbname. Bawaan: REVOCATION_DESK_DATABASE, lalu pengaturan database/url, lalu berkas di folder data.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The language of the window, id or en. Default: the setting ui/language, then the system&apos;s language.</source>
        <translation>Bahasa jendela, id atau en. Bawaan: pengaturan ui/language, lalu bahasa sistem.</translation>
    </message>
    <message>
        <source>id|en</source>
        <translation>id|en</translation>
    </message>
    <message>
        <source>Open the operator workbench (the default).</source>
        <translation>Buka meja kerja verifikator (bawaan).</translation>
    </message>
    <message>
        <source>Open the applicant kiosk: a full-screen guided request for the public, without a login.</source>
        <translation>Buka kios pemohon: pengajuan permohonan terpandu dalam layar penuh untuk masyarakat, tanpa login.</translation>
    </message>
    <message>
        <source>Revocation Desk</source>
        <translation>Layanan Pencabutan Sertifikat Elektronik</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Tutup</translation>
    </message>
    <message>
        <source>Unknown language %1: use id or en.</source>
        <translation>Bahasa %1 tidak dikenal: gunakan id atau en.</translation>
    </message>
    <message>
        <source>Choose either --kiosk or --workbench.</source>
        <translation>Pilih salah satu: --kiosk atau --workbench.</translation>
    </message>
    <message>
        <source>Unexpected argument %1; see --help.</source>
        <translation>Argumen %1 tidak dikenal; lihat --help.</translation>
    </message>
    <message>
        <source>Open the applicant kiosk: a full-screen guided request for the public, without a login. Ctrl+Alt+Q and the operator&apos;s PIN (kiosk/exitPin) leave it.</source>
        <translation>Buka kios pemohon: permohonan terpandu layar penuh untuk umum, tanpa login. Ctrl+Alt+Q dan PIN operator (kiosk/exitPin) untuk keluar.</translation>
    </message>
    <message>
        <source>With --kiosk: in a window instead of full screen (for a demonstration beside the workbench).</source>
        <translation>Dengan --kiosk: dalam jendela, bukan layar penuh (untuk peragaan di samping meja kerja).</translation>
    </message>
    <message>
        <source>With --kiosk: render every page of the kiosk in both languages to PNG files in DIR and exit. Needs an SQLite database, which is copied first and left unchanged.</source>
        <translation>Dengan --kiosk: gambar setiap halaman kios dalam kedua bahasa ke berkas PNG di FOLDER lalu keluar. Memerlukan basis data SQLite, yang disalin terlebih dahulu dan tidak diubah.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>FOLDER</translation>
    </message>
    <message>
        <source>--windowed and --screenshot go with --kiosk.</source>
        <translation>--windowed dan --screenshot hanya dipakai bersama --kiosk.</translation>
    </message>
</context>
<context>
    <name>RevocationProof</name>
    <message>
        <source>CRL number %1 at %2</source>
        <translation>CRL nomor %1 di %2</translation>
    </message>
    <message>
        <source>CRL at %1</source>
        <translation>CRL di %1</translation>
    </message>
    <message>
        <source>OCSP responder %1</source>
        <translation>responder OCSP %1</translation>
    </message>
    <message>
        <source>Certificate %1 is revoked since %2, according to %3.</source>
        <translation>Sertifikat %1 telah dicabut sejak %2, menurut %3.</translation>
    </message>
    <message>
        <source>Reason: %1.</source>
        <translation>Alasan: %1.</translation>
    </message>
    <message>
        <source>Signed by %1; this update %2, next update %3; checked %4 (%5 ms).</source>
        <translation>Ditandatangani oleh %1; pembaruan ini %2, pembaruan berikutnya %3; diperiksa %4 (%5 ms).</translation>
    </message>
    <message>
        <source>A relying party holding the previous answer may trust the certificate until %1 at the latest.</source>
        <translation>Pihak pengandal yang masih memegang jawaban sebelumnya dapat memercayai sertifikat ini paling lambat sampai %1.</translation>
    </message>
</context>
<context>
    <name>RevocationReasons</name>
    <message>
        <source>Retired</source>
        <translation>Purna tugas / pensiun</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>Meninggal dunia</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Diberhentikan</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Mutasi / pindah instansi</translation>
    </message>
    <message>
        <source>Data changed</source>
        <translation>Perubahan data</translation>
    </message>
    <message>
        <source>Re-issued</source>
        <translation>Penerbitan ulang / pembaruan</translation>
    </message>
    <message>
        <source>Key compromised or device lost</source>
        <translation>Kunci / passphrase bocor, perangkat hilang</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>The holder has retired; the superior files with the pension decree (SK pensiun) attached.</source>
        <translation>Pemegang sertifikat telah purna tugas; atasan mengajukan permohonan dengan melampirkan SK pensiun.</translation>
    </message>
    <message>
        <source>The holder has died; the superior files with the death certificate attached.</source>
        <translation>Pemegang sertifikat telah meninggal dunia; atasan mengajukan permohonan dengan melampirkan surat keterangan kematian.</translation>
    </message>
    <message>
        <source>The holder was dismissed; the superior files with the dismissal decree attached.</source>
        <translation>Pemegang sertifikat telah diberhentikan; atasan mengajukan permohonan dengan melampirkan SK pemberhentian.</translation>
    </message>
    <message>
        <source>The holder moved to another position or agency; the certificate names the old affiliation.</source>
        <translation>Pemegang sertifikat pindah jabatan atau instansi (mutasi); sertifikat masih mencantumkan instansi lama.</translation>
    </message>
    <message>
        <source>Data in the certificate (name, e-mail, unit) is no longer correct.</source>
        <translation>Data dalam sertifikat (nama, e-mail, unit kerja) tidak lagi sesuai.</translation>
    </message>
    <message>
        <source>A new certificate replaces this one.</source>
        <translation>Sertifikat baru menggantikan sertifikat ini.</translation>
    </message>
    <message>
        <source>The private key or passphrase may be known to someone else, or the device holding it was lost.</source>
        <translation>Kunci privat atau passphrase mungkin telah diketahui orang lain, atau perangkat yang menyimpannya hilang.</translation>
    </message>
    <message>
        <source>Another reason, explained in the statement letter.</source>
        <translation>Alasan lain, yang dijelaskan dalam surat keterangan.</translation>
    </message>
</context>
<context>
    <name>RevocationRequestRepository</name>
    <message>
        <source>%1 is not a request number.</source>
        <translation>%1 bukan nomor permohonan.</translation>
    </message>
    <message>
        <source>No request has agenda number %1.</source>
        <translation>Tidak ada permohonan dengan nomor agenda %1.</translation>
    </message>
    <message>
        <source>There is no revocation request with id %1.</source>
        <translation>Tidak ada permohonan pencabutan dengan id %1.</translation>
    </message>
</context>
<context>
    <name>RevocationStatus</name>
    <message>
        <source>CRL %1</source>
        <translation>CRL di %1</translation>
    </message>
    <message>
        <source>OCSP responder %1</source>
        <translation>responder OCSP %1</translation>
    </message>
    <message>
        <source>Certificate %1 is not revoked, according to %2.</source>
        <translation>Sertifikat %1 tidak dicabut, menurut %2.</translation>
    </message>
    <message>
        <source>Certificate %1 was revoked on %2, according to %3.</source>
        <translation>Sertifikat %1 telah dicabut pada %2, menurut %3.</translation>
    </message>
    <message>
        <source>Certificate %1 was revoked on %2 (reason: %3), according to %4.</source>
        <translation>Sertifikat %1 telah dicabut pada %2 (alasan: %3), menurut %4.</translation>
    </message>
    <message>
        <source>Certificate %1 is unknown to %2.</source>
        <translation>Sertifikat %1 tidak dikenal oleh %2.</translation>
    </message>
    <message>
        <source>Answer of %1, valid until %2.</source>
        <translation>Jawaban tertanggal %1, berlaku sampai %2.</translation>
    </message>
    <message>
        <source>Answer of %1.</source>
        <translation>Jawaban tertanggal %1.</translation>
    </message>
</context>
<context>
    <name>RevocationStep</name>
    <message>
        <source>Request %1 is &quot;%2&quot;, not awaiting a supervisor&apos;s approval.</source>
        <translation>Permohonan %1 berstatus &quot;%2&quot;, tidak sedang menunggu persetujuan penyelia.</translation>
    </message>
    <message>
        <source>Give AMS&apos;s reference for the revocation as AMS shows it (at most 100 characters).</source>
        <translation>Masukkan nomor referensi AMS untuk pencabutan ini sebagaimana ditampilkan oleh AMS (paling banyak 100 karakter).</translation>
    </message>
    <message>
        <source>Only a logged-in operator, supervisor or administrator can do this.</source>
        <translation>Hanya operator, penyelia, atau administrator yang telah masuk yang dapat melakukan ini.</translation>
    </message>
    <message>
        <source>Request %1 has no revocation waiting for AMS&apos;s pages: revoke it first.</source>
        <translation>Permohonan %1 tidak memiliki pencabutan yang menunggu dilakukan di halaman AMS: cabut terlebih dahulu.</translation>
    </message>
    <message>
        <source>%1: filed in AMS as %2</source>
        <translation>%1: diajukan di AMS dengan nomor %2</translation>
    </message>
    <message>
        <source>%1: AMS revoked it (%2); proof sought next</source>
        <translation>%1: AMS telah mencabutnya (%2); berikutnya bukti pencabutan dicari</translation>
    </message>
    <message>
        <source>AMS refused the filing: %1</source>
        <translation>AMS menolak pengajuan: %1</translation>
    </message>
    <message>
        <source>AMS refused the revocation: %1</source>
        <translation>AMS menolak pencabutan: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The proof is about certificate %1, not %2 of request %3.</source>
        <translation>Bukti ini mengenai sertifikat %1, bukan sertifikat %2 milik permohonan %3.</translation>
    </message>
    <message>
        <source>Request %1 is &quot;%2&quot;, not waiting for AMS&apos;s answer.</source>
        <translation>Permohonan %1 berstatus &quot;%2&quot;, tidak sedang menunggu jawaban AMS.</translation>
    </message>
</context>
<context>
    <name>RevocationWorkflow</name>
    <message>
        <source>&quot;%1&quot; is not an item of this request&apos;s checklist (%2).</source>
        <translation>&quot;%1&quot; bukan butir daftar periksa permohonan ini (%2).</translation>
    </message>
    <message>
        <source>The item %1 is answered twice.</source>
        <translation>Butir %1 dijawab dua kali.</translation>
    </message>
    <message>
        <source>The note on %1 is longer than 500 characters.</source>
        <translation>Catatan pada %1 lebih dari 500 karakter.</translation>
    </message>
    <message>
        <source>Every item of the checklist needs an answer; still open: %1.</source>
        <translation>Setiap butir daftar periksa harus dijawab; yang belum: %1.</translation>
    </message>
    <message>
        <source>Request %1 names no certificate of the register; give the certificate as a file.</source>
        <translation>Permohonan %1 tidak menyebut sertifikat dari register; berikan sertifikat sebagai berkas.</translation>
    </message>
    <message>
        <source>The register has the serial %1 but not the certificate itself; give the certificate as a file.</source>
        <translation>Register memiliki nomor seri %1 tetapi tidak menyimpan sertifikatnya; berikan sertifikat sebagai berkas.</translation>
    </message>
    <message>
        <source>The justification is longer than 1000 characters.</source>
        <translation>Alasan pembenaran lebih dari 1000 karakter.</translation>
    </message>
    <message>
        <source>Only a logged-in operator, supervisor or administrator can do this.</source>
        <translation>Hanya operator, supervisor, atau administrator yang telah masuk yang dapat melakukan ini.</translation>
    </message>
    <message>
        <source>Request %1 is &quot;%2&quot;; its certificate is matched once it is verified.</source>
        <translation>Permohonan %1 berstatus &quot;%2&quot;; sertifikatnya dicocokkan setelah permohonan terverifikasi.</translation>
    </message>
</context>
<context>
    <name>SecretCommands</name>
    <message>
        <source>set in the environment</source>
        <translation>diatur di lingkungan (environment)</translation>
    </message>
    <message>
        <source>in the keychain</source>
        <translation>ada di keychain</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>belum diatur</translation>
    </message>
    <message>
        <source>keychain unavailable</source>
        <translation>keychain tidak tersedia</translation>
    </message>
    <message>
        <source>Say where each secret is found (never its value): environment, keychain, or nowhere.</source>
        <translation>Sebutkan di mana setiap rahasia ditemukan (tidak pernah nilainya): lingkungan (environment), keychain, atau tidak di mana pun.</translation>
    </message>
    <message>
        <source>The secret&apos;s name.</source>
        <translation>Nama rahasia.</translation>
    </message>
    <message>
        <source>Give one secret name.</source>
        <translation>Sebutkan satu nama rahasia.</translation>
    </message>
    <message>
        <source>Unknown secret &quot;%1&quot;; the known ones are %2.</source>
        <translation>Rahasia &quot;%1&quot; tidak dikenal; yang dikenal adalah %2.</translation>
    </message>
    <message>
        <source>Passwords and tokens in the system keychain (SMTP, AMS, Esign). Values are read from the terminal without echo, or from the first line of standard input.</source>
        <translation>Kata sandi dan token di keychain sistem (SMTP, AMS, Esign). Nilai dibaca dari terminal tanpa ditampilkan, atau dari baris pertama masukan standar.</translation>
    </message>
    <message>
        <source>Keep a secret in the system keychain.</source>
        <translation>Simpan sebuah rahasia di keychain sistem.</translation>
    </message>
    <message>
        <source>Remove a secret from the system keychain.</source>
        <translation>Hapus sebuah rahasia dari keychain sistem.</translation>
    </message>
    <message>
        <source>%1 removed from the keychain.</source>
        <translation>%1 dihapus dari keychain.</translation>
    </message>
    <message>
        <source>Value of %1: </source>
        <translation>Nilai %1: </translation>
    </message>
    <message>
        <source>Nothing was given for %1; the keychain is unchanged.</source>
        <translation>Tidak ada nilai yang diberikan untuk %1; keychain tidak diubah.</translation>
    </message>
    <message>
        <source>%1 kept in the keychain.</source>
        <translation>%1 disimpan di keychain.</translation>
    </message>
    <message>
        <source>Note: %1 is set in the environment and wins over the keychain.</source>
        <translation>Catatan: %1 diatur di lingkungan (environment) dan didahulukan daripada keychain.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The system keychain could not be used for &quot;%1&quot;. On a computer without a keychain, set the secret in the environment instead (see docs/install.md).</source>
        <translation>Keychain sistem tidak dapat digunakan untuk &quot;%1&quot;. Pada komputer tanpa keychain, atur rahasia tersebut melalui variabel lingkungan (lihat docs/install.md).</translation>
    </message>
    <message>
        <source>The system keychain could not be used for &quot;%1&quot; and %2 is not set. Set %2 on a computer without a keychain.</source>
        <translation>Keychain sistem tidak dapat digunakan untuk &quot;%1&quot; dan %2 tidak diatur. Atur %2 pada komputer tanpa keychain.</translation>
    </message>
</context>
<context>
    <name>SettingsCatalog</name>
    <message>
        <source>The value must be one line of text of at most 256 characters, without control characters.</source>
        <translation>Nilai harus berupa satu baris teks paling banyak 256 karakter, tanpa karakter kendali.</translation>
    </message>
    <message>
        <source>%1 must be one of %2, not &quot;%3&quot;.</source>
        <translation>%1 harus salah satu dari %2, bukan &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>%1 is on or off: give true or false, not &quot;%2&quot;.</source>
        <translation>%1 bernilai aktif atau nonaktif: berikan true atau false, bukan &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>%1 harus bilangan bulat dari %2 sampai %3, bukan &quot;%4&quot;.</translation>
    </message>
    <message>
        <source>%1 must be an https:// address (http:// only to a simulator on this computer: 127.0.0.1, ::1 or localhost), not &quot;%2&quot;.</source>
        <translation>%1 harus berupa alamat https:// (http:// hanya untuk simulator di komputer ini: 127.0.0.1, ::1 atau localhost), bukan &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>%1 must name a readable file of PEM CA certificates; &quot;%2&quot; is not one.</source>
        <translation>%1 harus menyebut berkas sertifikat CA berformat PEM yang dapat dibaca; &quot;%2&quot; bukan berkas tersebut.</translation>
    </message>
    <message>
        <source>mail/security none sends mail in plain text, which the desk does only to a relay on this computer; mail/host is %1. Use starttls or tls.</source>
        <translation>mail/security none mengirim surel tanpa enkripsi, yang hanya dilakukan aplikasi ke relai di komputer ini; mail/host adalah %1. Gunakan starttls atau tls.</translation>
    </message>
    <message>
        <source>mail/host must be a host name or an IP address, not &quot;%1&quot;.</source>
        <translation>mail/host harus berupa nama host atau alamat IP, bukan &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>mail/senderAddress must be one e-mail address (name@domain), not &quot;%1&quot;.</source>
        <translation>mail/senderAddress harus berupa satu alamat surel (nama@domain), bukan &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>database/url must not hold a password: give it in PGPASSWORD or with --database, never in the settings file.</source>
        <translation>database/url tidak boleh memuat kata sandi: berikan melalui PGPASSWORD atau --database, jangan pernah di berkas pengaturan.</translation>
    </message>
    <message>
        <source>office/timeZone must be a time zone this computer knows, such as Asia/Jakarta; &quot;%1&quot; is not one.</source>
        <translation>office/timeZone harus zona waktu yang dikenal komputer ini, misalnya Asia/Jakarta; &quot;%1&quot; bukan zona waktu tersebut.</translation>
    </message>
    <message>
        <source>A revocation needs a supervisor&apos;s approval first, given by someone other than who asked for it.</source>
        <translation>Pencabutan memerlukan persetujuan supervisor terlebih dahulu, yang diberikan oleh orang lain selain yang memintanya.</translation>
    </message>
    <message>
        <source>The database holds demo data: its mail goes only to a server on this computer.</source>
        <translation>Basis data berisi data demo: surelnya hanya dikirim ke server di komputer ini.</translation>
    </message>
    <message>
        <source>The database: sqlite:PATH or postgresql://user@host:port/name (--database and REVOCATION_DESK_DATABASE come first).</source>
        <translation>Basis data: sqlite:PATH atau postgresql://user@host:port/nama (--database dan REVOCATION_DESK_DATABASE didahulukan).</translation>
    </message>
    <message>
        <source>The language of the windows and messages: id or en; unset follows the system.</source>
        <translation>Bahasa jendela dan pesan: id atau en; bila tidak diatur, mengikuti sistem.</translation>
    </message>
    <message>
        <source>The office&apos;s time zone, for office hours and the times shown.</source>
        <translation>Zona waktu kantor, untuk jam kerja dan waktu yang ditampilkan.</translation>
    </message>
    <message>
        <source>The largest file a request takes, in bytes (AMS takes at most 1 MB).</source>
        <translation>Ukuran berkas terbesar yang diterima sebuah permohonan, dalam bita (AMS menerima paling besar 1 MB).</translation>
    </message>
    <message>
        <source>The CAs whose certificates this office revokes (RFC 4514 names; give each as one value).</source>
        <translation>CA yang sertifikatnya dicabut oleh kantor ini (nama RFC 4514; berikan masing-masing sebagai satu nilai).</translation>
    </message>
    <message>
        <source>How the desk reaches AMS: rest (its API) or portal (the operator works in AMS&apos;s web page).</source>
        <translation>Cara aplikasi terhubung ke AMS: rest (API-nya) atau portal (operator bekerja di halaman web AMS).</translation>
    </message>
    <message>
        <source>AMS&apos;s address (https://).</source>
        <translation>Alamat AMS (https://).</translation>
    </message>
    <message>
        <source>The desk&apos;s account at AMS.</source>
        <translation>Akun aplikasi di AMS.</translation>
    </message>
    <message>
        <source>A PEM file of CA certificates trusted for AMS and Esign besides the system&apos;s.</source>
        <translation>Berkas PEM berisi sertifikat CA yang dipercaya untuk AMS dan Esign selain milik sistem.</translation>
    </message>
    <message>
        <source>How long one call to AMS or Esign may take, in milliseconds.</source>
        <translation>Lama maksimum satu panggilan ke AMS atau Esign, dalam milidetik.</translation>
    </message>
    <message>
        <source>How often a call to AMS is tried before it counts as failed.</source>
        <translation>Berapa kali panggilan ke AMS dicoba sebelum dianggap gagal.</translation>
    </message>
    <message>
        <source>The Esign Client Service&apos;s address (https://).</source>
        <translation>Alamat Esign Client Service (https://).</translation>
    </message>
    <message>
        <source>The Esign API version: v1 or v2.</source>
        <translation>Versi API Esign: v1 atau v2.</translation>
    </message>
    <message>
        <source>The desk&apos;s account at Esign.</source>
        <translation>Akun aplikasi di Esign.</translation>
    </message>
    <message>
        <source>The SMTP server that sends the mail to applicants.</source>
        <translation>Server SMTP yang mengirim surel kepada pemohon.</translation>
    </message>
    <message>
        <source>The SMTP server&apos;s port (default by mail/security: 587, 465, 25).</source>
        <translation>Port server SMTP (bawaan menurut mail/security: 587, 465, 25).</translation>
    </message>
    <message>
        <source>How the mail is protected on the way: starttls, tls, or none (only to a relay on this computer).</source>
        <translation>Cara surel dilindungi selama pengiriman: starttls, tls, atau none (hanya ke relai di komputer ini).</translation>
    </message>
    <message>
        <source>The account at the SMTP server; unset: no log-in (its password: secrets set smtp/password).</source>
        <translation>Akun di server SMTP; bila tidak diatur: tanpa log masuk (kata sandinya: secrets set smtp/password).</translation>
    </message>
    <message>
        <source>The address the mail comes from.</source>
        <translation>Alamat pengirim surel.</translation>
    </message>
    <message>
        <source>The name the mail comes from.</source>
        <translation>Nama pengirim surel.</translation>
    </message>
    <message>
        <source>A PEM file of CA certificates trusted for the SMTP server besides the system&apos;s.</source>
        <translation>Berkas PEM berisi sertifikat CA yang dipercaya untuk server SMTP selain milik sistem.</translation>
    </message>
    <message>
        <source>Check the SMTP server&apos;s certificate (false is unsafe: anyone on the way could read the mail).</source>
        <translation>Periksa sertifikat server SMTP (false tidak aman: siapa pun di jalur jaringan dapat membaca surel).</translation>
    </message>
    <message>
        <source>How long each step of the SMTP conversation may take, in seconds.</source>
        <translation>Lama maksimum setiap langkah percakapan SMTP, dalam detik.</translation>
    </message>
    <message>
        <source>Use: revocation-desk-cli secrets set %1</source>
        <translation>Gunakan: revocation-desk-cli secrets set %1</translation>
    </message>
    <message>
        <source>revocation-desk-cli secrets list names the secrets the desk uses.</source>
        <translation>revocation-desk-cli secrets list menyebutkan rahasia yang digunakan aplikasi.</translation>
    </message>
    <message>
        <source>%1 is a secret, not a setting: passwords, tokens and keys never go into the settings. %2</source>
        <translation>%1 adalah rahasia, bukan pengaturan: kata sandi, token, dan kunci tidak pernah disimpan di pengaturan. %2</translation>
    </message>
    <message>
        <source>%1 takes one value.</source>
        <translation>%1 menerima satu nilai.</translation>
    </message>
    <message>
        <source>An empty value is not a setting; config unset %1 goes back to the default.</source>
        <translation>Nilai kosong bukan pengaturan; config unset %1 mengembalikan ke nilai bawaan.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written.</source>
        <translation>Berkas pengaturan %1 tidak dapat ditulis.</translation>
    </message>
    <message>
        <source>office/emblem is the path of a PNG or JPEG file; &quot;%1&quot; cannot be read.</source>
        <translation>office/emblem adalah path berkas PNG atau JPEG; &quot;%1&quot; tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>The letterhead&apos;s first line: the government, such as PEMERINTAH KABUPATEN NATUNA.</source>
        <translation>Baris pertama kop surat: pemerintah daerah, misalnya PEMERINTAH KABUPATEN NATUNA.</translation>
    </message>
    <message>
        <source>The letterhead&apos;s second line: the office, such as DINAS KOMUNIKASI DAN INFORMATIKA.</source>
        <translation>Baris kedua kop surat: nama dinas, misalnya DINAS KOMUNIKASI DAN INFORMATIKA.</translation>
    </message>
    <message>
        <source>The office&apos;s address, on the letterhead.</source>
        <translation>Alamat kantor, pada kop surat.</translation>
    </message>
    <message>
        <source>The office&apos;s telephone, on the letterhead.</source>
        <translation>Telepon kantor, pada kop surat.</translation>
    </message>
    <message>
        <source>The office&apos;s web site, on the letterhead.</source>
        <translation>Situs web kantor, pada kop surat.</translation>
    </message>
    <message>
        <source>The office&apos;s e-mail, on the letterhead.</source>
        <translation>E-mail kantor, pada kop surat.</translation>
    </message>
    <message>
        <source>The place letters are dated from, such as Ranai.</source>
        <translation>Tempat penanggalan surat, misalnya Ranai.</translation>
    </message>
    <message>
        <source>The head of the office as letters address them, such as Kepala Dinas Komunikasi dan Informatika Kabupaten Natuna.</source>
        <translation>Kepala kantor sebagaimana surat ditujukan kepadanya, misalnya Kepala Dinas Komunikasi dan Informatika Kabupaten Natuna.</translation>
    </message>
    <message>
        <source>The archive classification code printed on control cards (Kode); empty leaves the box to be filled by hand.</source>
        <translation>Kode klasifikasi arsip yang dicetak pada kartu kendali (Kode); bila kosong, kotaknya diisi dengan tangan.</translation>
    </message>
    <message>
        <source>The emblem on the letterhead: give the path of a PNG or JPEG file of at most 512 KB; it is kept in the database.</source>
        <translation>Lambang pada kop surat: berikan path berkas PNG atau JPEG paling besar 512 KB; lambang disimpan di basis data.</translation>
    </message>
    <message>
        <source>The paper of this workstation&apos;s receipt printer: a6, or roll80 for an 80 mm receipt roll.</source>
        <translation>Kertas printer tanda terima di komputer ini: a6, atau roll80 untuk gulungan struk 80 mm.</translation>
    </message>
    <message>
        <source>%1 is a folder this account can write to, or empty; &quot;%2&quot; is not.</source>
        <translation>%1 berisi folder yang dapat ditulisi akun ini, atau kosong; &quot;%2&quot; bukan folder seperti itu.</translation>
    </message>
    <message>
        <source>The PIN (6 to 12 digits) an operator types to leave the kiosk&apos;s full screen; kept as an Argon2id hash and shown only as set or not set. Without it the kiosk cannot be left.</source>
        <translation>PIN (6 sampai 12 angka) yang diketik operator untuk keluar dari layar penuh kios; disimpan sebagai hash Argon2id dan hanya ditampilkan sebagai diatur atau belum diatur. Tanpa PIN, kios tidak dapat ditinggalkan.</translation>
    </message>
    <message>
        <source>Where the applicant kiosk prints: empty for the system&apos;s default printer, or a folder for the papers as PDF files (a kiosk without a printer).</source>
        <translation>Tempat kios pemohon mencetak: kosong untuk pencetak bawaan sistem, atau folder untuk dokumen sebagai berkas PDF (kios tanpa pencetak).</translation>
    </message>
</context>
<context>
    <name>SmtpClient</name>
    <message>
        <source>The SMTP server %1 did not answer within %2 seconds (%3).</source>
        <translation>Server SMTP %1 tidak menjawab dalam %2 detik (%3).</translation>
    </message>
    <message>
        <source>Could not talk to the SMTP server %1 (%2): %3</source>
        <translation>Tidak dapat berkomunikasi dengan server SMTP %1 (%2): %3</translation>
    </message>
    <message>
        <source>The SMTP server refused %1: %2</source>
        <translation>Server SMTP menolak %1: %2</translation>
    </message>
    <message>
        <source>The SMTP server sent a reply that is too long (%1).</source>
        <translation>Server SMTP mengirim balasan yang terlalu panjang (%1).</translation>
    </message>
    <message>
        <source>The SMTP server&apos;s reply makes no sense (%1): %2</source>
        <translation>Balasan server SMTP tidak dapat dipahami (%1): %2</translation>
    </message>
    <message>
        <source>The SMTP server&apos;s multi-line reply changed its code (%1).</source>
        <translation>Balasan multibaris server SMTP berganti kode (%1).</translation>
    </message>
    <message>
        <source>The CA file %1 (mail/caFile) holds no PEM certificate.</source>
        <translation>Berkas CA %1 (mail/caFile) tidak memuat sertifikat PEM.</translation>
    </message>
    <message>
        <source>The SMTP server %1 is not trusted: %2. Give its CA in mail/caFile.</source>
        <translation>Server SMTP %1 tidak tepercaya: %2. Cantumkan CA-nya di mail/caFile.</translation>
    </message>
    <message>
        <source>The SMTP server %1 does not offer STARTTLS; the desk does not send mail in plain text unless mail/security is none.</source>
        <translation>Server SMTP %1 tidak menawarkan STARTTLS; Revocation Desk tidak mengirim e-mail tanpa enkripsi kecuali mail/security bernilai none.</translation>
    </message>
    <message>
        <source>The SMTP server sent data after STARTTLS; refused.</source>
        <translation>Server SMTP mengirim data setelah STARTTLS; ditolak.</translation>
    </message>
    <message>
        <source>The desk does not send the SMTP password in plain text: set mail/security to starttls or tls.</source>
        <translation>Revocation Desk tidak mengirim kata sandi SMTP tanpa enkripsi: atur mail/security ke starttls atau tls.</translation>
    </message>
    <message>
        <source>The SMTP server offers neither AUTH PLAIN nor AUTH LOGIN (it offers: %1).</source>
        <translation>Server SMTP tidak menawarkan AUTH PLAIN maupun AUTH LOGIN (yang ditawarkan: %1).</translation>
    </message>
    <message>
        <source>no AUTH at all</source>
        <translation>tidak ada AUTH sama sekali</translation>
    </message>
    <message>
        <source>The SMTP server refused the user name or password for %1: %2</source>
        <translation>Server SMTP menolak nama pengguna atau kata sandi untuk %1: %2</translation>
    </message>
    <message>
        <source>The message is %1 bytes but the SMTP server takes at most %2 bytes (SIZE); it was not sent.</source>
        <translation>Ukuran pesan %1 bita, sedangkan server SMTP hanya menerima paling banyak %2 bita (SIZE); pesan tidak dikirim.</translation>
    </message>
</context>
<context>
    <name>StringPreparation</name>
    <message>
        <source>The Unicode normaliser is not available.</source>
        <translation>Normalisasi Unicode tidak tersedia.</translation>
    </message>
    <message>
        <source>The text could not be normalised.</source>
        <translation>Teks tidak dapat dinormalisasi.</translation>
    </message>
    <message>
        <source>The text holds the character U+%1, which cannot be compared.</source>
        <translation>Teks memuat karakter U+%1, yang tidak dapat dibandingkan.</translation>
    </message>
</context>
<context>
    <name>Totp</name>
    <message>
        <source>The one-time code secret is not base32 (letters A-Z and digits 2-7).</source>
        <translation>Rahasia kode sekali pakai bukan base32 (huruf A-Z dan angka 2-7).</translation>
    </message>
    <message>
        <source>The one-time code secret is empty.</source>
        <translation>Rahasia kode sekali pakai kosong.</translation>
    </message>
</context>
<context>
    <name>TrustedIssuers</name>
    <message>
        <source>The trusted issuer &quot;%1&quot; in %2 is not a distinguished name: %3</source>
        <translation>Penerbit tepercaya &quot;%1&quot; di %2 bukan distinguished name: %3</translation>
    </message>
    <message>
        <source>The name is empty.</source>
        <translation>Nama kosong.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no &quot;=&quot; between type and value.</source>
        <translation>&quot;%1&quot; tidak memiliki &quot;=&quot; di antara jenis dan nilai.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known attribute type.</source>
        <translation>&quot;%1&quot; bukan jenis atribut yang dikenal.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; ends with a lone backslash.</source>
        <translation>&quot;%1&quot; diakhiri garis miring terbalik (backslash) tunggal.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a quotation mark that is not closed.</source>
        <translation>&quot;%1&quot; memuat tanda kutip yang tidak ditutup.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; ends with a separator.</source>
        <translation>&quot;%1&quot; diakhiri pemisah.</translation>
    </message>
</context>
<context>
    <name>UserAccounts</name>
    <message>
        <source>A password needs at least 10 characters.</source>
        <translation>Kata sandi harus terdiri atas sekurang-kurangnya 10 karakter.</translation>
    </message>
    <message>
        <source>A password may have at most 256 characters.</source>
        <translation>Kata sandi paling banyak terdiri atas 256 karakter.</translation>
    </message>
    <message>
        <source>A user name has 2 to 32 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, and starts with a letter.</source>
        <translation>Nama pengguna terdiri atas 2 sampai 32 huruf kecil, angka, &apos;.&apos;, &apos;_&apos;, atau &apos;-&apos;, dan diawali huruf.</translation>
    </message>
    <message>
        <source>The system&apos;s random number generator failed.</source>
        <translation>Pembangkit bilangan acak sistem gagal.</translation>
    </message>
    <message>
        <source>The password could not be hashed.</source>
        <translation>Hash kata sandi tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Give the person&apos;s full name.</source>
        <translation>Isikan nama lengkap pengguna.</translation>
    </message>
    <message>
        <source>The role must be operator, supervisor or administrator.</source>
        <translation>Peran harus operator, supervisor, atau administrator.</translation>
    </message>
    <message>
        <source>The user %1 exists already.</source>
        <translation>Pengguna %1 sudah ada.</translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation>Pengguna %1 tidak ada.</translation>
    </message>
    <message>
        <source>The user name or password is wrong, or the account is disabled.</source>
        <translation>Nama pengguna atau kata sandi salah, atau akun telah dinonaktifkan.</translation>
    </message>
    <message>
        <source>Only an administrator adds accounts.</source>
        <translation>Hanya administrator yang dapat menambahkan akun.</translation>
    </message>
    <message>
        <source>Only an administrator disables accounts.</source>
        <translation>Hanya administrator yang dapat menonaktifkan akun.</translation>
    </message>
    <message>
        <source>Only an administrator sets another person&apos;s password.</source>
        <translation>Hanya administrator yang dapat mengubah kata sandi orang lain.</translation>
    </message>
    <message numerus="yes">
        <source>The account %1 is locked after too many failed log-ins; try again in %n minute(s).</source>
        <translation>
            <numerusform>Akun %1 dikunci karena terlalu banyak percobaan masuk yang gagal; coba lagi dalam %n menit.</numerusform>
        </translation>
    </message>
    <message>
        <source>The first account must be an administrator, who then adds the others.</source>
        <translation>Akun pertama harus administrator, yang kemudian menambahkan akun lainnya.</translation>
    </message>
    <message>
        <source>This database has accounts: only an administrator can do this.</source>
        <translation>Basis data ini sudah memiliki akun: hanya administrator yang dapat melakukan ini.</translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message>
        <source>The account&apos;s name.</source>
        <translation>Nama akun.</translation>
    </message>
    <message>
        <source>%1 takes one user name.</source>
        <translation>%1 memerlukan tepat satu nama pengguna.</translation>
    </message>
    <message>
        <source>New password: </source>
        <translation>Kata sandi baru: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Ulangi kata sandi: </translation>
    </message>
    <message>
        <source>Workstation accounts (operator, supervisor, administrator). Passwords are read from the terminal without echo, or from the first line of standard input.</source>
        <translation>Akun pengguna komputer kerja (operator, supervisor, administrator). Kata sandi dibaca dari terminal tanpa ditampilkan, atau dari baris pertama masukan standar.</translation>
    </message>
    <message>
        <source>List the accounts.</source>
        <translation>Tampilkan daftar akun.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktif</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>nonaktif</translation>
    </message>
    <message>
        <source>The person&apos;s full name.</source>
        <translation>Nama lengkap pengguna.</translation>
    </message>
    <message>
        <source>operator, supervisor or administrator.</source>
        <translation>operator, supervisor, atau administrator.</translation>
    </message>
    <message>
        <source>Add an account; the password is asked for.</source>
        <translation>Tambahkan akun; kata sandi akan ditanyakan.</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation>Peran &quot;%1&quot; tidak dikenal.</translation>
    </message>
    <message>
        <source>users add needs --name.</source>
        <translation>users add memerlukan --name.</translation>
    </message>
    <message>
        <source>No password given, or the two did not match.</source>
        <translation>Kata sandi tidak diisi, atau kedua isian tidak sama.</translation>
    </message>
    <message>
        <source>Added %1 (%2).</source>
        <translation>%1 (%2) telah ditambahkan.</translation>
    </message>
    <message>
        <source>Set a new password.</source>
        <translation>Tetapkan kata sandi baru.</translation>
    </message>
    <message>
        <source>Disable an account; its history stays.</source>
        <translation>Nonaktifkan akun; riwayatnya tetap tersimpan.</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Kata sandi %1 telah diubah.</translation>
    </message>
    <message>
        <source>%1 is disabled.</source>
        <translation>%1 telah dinonaktifkan.</translation>
    </message>
</context>
<context>
    <name>WorkerCommand</name>
    <message>
        <source>The background worker: sends the AMS queue, records AMS&apos;s answers, seeks the proofs of revocations and sends the outbox; one job per database at a time.</source>
        <translation>Proses latar belakang (worker): mengirim antrean AMS, mencatat jawaban AMS, mencari bukti pencabutan, dan mengirim kotak keluar; satu pekerjaan per basis data pada satu waktu.</translation>
    </message>
    <message>
        <source>One pass, then exit.</source>
        <translation>Jalankan satu putaran, lalu keluar.</translation>
    </message>
    <message>
        <source>Seconds between passes (1 to 3600).</source>
        <translation>Jeda antarputaran dalam detik (1 sampai 3600).</translation>
    </message>
    <message>
        <source>Run the background worker until stopped (Ctrl+C, or SIGTERM from systemd): each pass sends the AMS calls that are due (rest backend), records AMS&apos;s answers on the requests, seeks the proof of each revocation AMS confirmed (OCSP, then the CRL, with back-off) and sends the outbox. Every workstation may run one: each job is done by one worker at a time per database. One line an action.
Exit status with --once: 0 when nothing went wrong, 1 otherwise.</source>
        <translation>Jalankan proses latar belakang sampai dihentikan (Ctrl+C, atau SIGTERM dari systemd): setiap putaran mengirim panggilan AMS yang sudah waktunya (backend rest), mencatat jawaban AMS pada permohonan, mencari bukti setiap pencabutan yang telah dikonfirmasi AMS (OCSP, lalu CRL, dengan jeda yang makin panjang) dan mengirim kotak keluar. Setiap komputer kerja boleh menjalankan satu proses: setiap pekerjaan dikerjakan oleh satu proses pada satu waktu untuk setiap basis data. Satu baris untuk setiap tindakan.
Status keluar dengan --once: 0 jika tidak ada kesalahan, 1 jika ada.</translation>
    </message>
    <message>
        <source>--interval needs a number of seconds from 1 to 3600.</source>
        <translation>--interval memerlukan jumlah detik dari 1 sampai 3600.</translation>
    </message>
    <message>
        <source>AMS calls are not sent: %1</source>
        <translation>Panggilan AMS tidak dikirim: %1</translation>
    </message>
    <message>
        <source>The outbox is not sent: %1</source>
        <translation>Kotak keluar tidak dikirim: %1</translation>
    </message>
</context>
<context>
    <name>rd::AmsHttpClient</name>
    <message>
        <source>The CA bundle %1 cannot be read.</source>
        <translation>Bundel CA %1 tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate.</source>
        <translation>Bundel CA %1 tidak memuat sertifikat PEM.</translation>
    </message>
    <message>
        <source>%1 cannot be reached right now. Your request is kept and will be sent again.</source>
        <translation>%1 tidak dapat dihubungi saat ini. Permintaan Anda disimpan dan akan dikirim ulang.</translation>
    </message>
    <message>
        <source>%1 cannot be reached right now; try again later.</source>
        <translation>%1 tidak dapat dihubungi saat ini; coba lagi nanti.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: its certificate is not trusted or does not match the address. Nothing was sent.</source>
        <translation>Koneksi aman ke %1 gagal: sertifikatnya tidak tepercaya atau tidak sesuai dengan alamatnya. Tidak ada data yang dikirim.</translation>
    </message>
    <message>
        <source>The address of %1 (%2) is plain http:// to another computer, where anyone on the network could read the password; use https://. Nothing was sent.</source>
        <translation>Alamat %1 (%2) berupa http:// biasa ke komputer lain, sehingga siapa pun di jaringan dapat membaca kata sandi; gunakan https://. Tidak ada yang dikirim.</translation>
    </message>
    <message>
        <source>%1 sent an answer larger than %2 MiB; it was not read.</source>
        <translation>%1 mengirim jawaban yang lebih besar dari %2 MiB; jawaban tersebut tidak dibaca.</translation>
    </message>
    <message>
        <source>%1 redirected the request to another address (%2); the desk does not send credentials there.</source>
        <translation>%1 mengalihkan permintaan ke alamat lain (%2); aplikasi tidak mengirim kredensial ke sana.</translation>
    </message>
</context>
<context>
    <name>rd::AmsOperationRunner</name>
    <message>
        <source>The AMS operation &quot;%1&quot; is done by a person in the AMS pages, not sent.</source>
        <translation>Operasi AMS &quot;%1&quot; dilakukan oleh petugas di halaman AMS, tidak dikirim.</translation>
    </message>
</context>
<context>
    <name>rd::EsignStatusClient</name>
    <message>
        <source>The Esign service answered, but not as expected (%1).</source>
        <translation>Layanan Esign menjawab, tetapi tidak sesuai harapan (%1).</translation>
    </message>
    <message>
        <source>The Esign service refused the user name or password (settings esign/username, secret esign/password).</source>
        <translation>Layanan Esign menolak nama pengguna atau kata sandi (pengaturan esign/username, rahasia esign/password).</translation>
    </message>
    <message>
        <source>The Esign service reported a failure (HTTP %1); try again later.</source>
        <translation>Layanan Esign melaporkan kegagalan (HTTP %1); coba lagi nanti.</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>bukan objek JSON</translation>
    </message>
    <message>
        <source>no status_code and no status</source>
        <translation>tidak ada status_code maupun status</translation>
    </message>
    <message>
        <source>unknown status &quot;%1&quot; with code %2</source>
        <translation>status &quot;%1&quot; tidak dikenal dengan kode %2</translation>
    </message>
    <message>
        <source>The Esign service has no profile for this NIK: %1</source>
        <translation>Layanan Esign tidak memiliki profil untuk NIK ini: %1</translation>
    </message>
    <message>
        <source>no data.sertifikat list</source>
        <translation>tidak ada daftar data.sertifikat</translation>
    </message>
    <message>
        <source>berlaku_sampai &quot;%1&quot; is not dd-mm-YYYY</source>
        <translation>berlaku_sampai &quot;%1&quot; tidak berformat dd-mm-YYYY</translation>
    </message>
    <message>
        <source>The Esign v1 API asks by NIK only; set esign/api to v2 to ask by e-mail.</source>
        <translation>API Esign v1 hanya dapat menanyakan berdasarkan NIK; atur esign/api ke v2 untuk menanyakan berdasarkan e-mail.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>&quot;%1&quot; bukan alamat e-mail.</translation>
    </message>
</context>
<context>
    <name>rd::KioskFilerPage</name>
    <message>
        <source>Type the official&apos;s NIP (18 digits).</source>
        <translation>Ketik NIP pejabat (18 digit).</translation>
    </message>
    <message>
        <source>Type the name of the official who files.</source>
        <translation>Ketik nama pejabat yang mengajukan.</translation>
    </message>
    <message>
        <source>Type the official&apos;s position, e.g. Head of the Office.</source>
        <translation>Ketik jabatan pejabat, mis. Kepala Dinas.</translation>
    </message>
    <message>
        <source>Type the e-mail address where the outcome is to be sent.</source>
        <translation>Ketik alamat e-mail tujuan pemberitahuan hasil.</translation>
    </message>
    <message>
        <source>This is not an e-mail address; check it, e.g. name@natunakab.go.id.</source>
        <translation>Ini bukan alamat e-mail; periksa kembali, mis. nama@natunakab.go.id.</translation>
    </message>
    <message>
        <source>Who files the request?</source>
        <translation>Siapa yang mengajukan permohonan?</translation>
    </message>
    <message>
        <source>The request is filed by</source>
        <translation>Permohonan diajukan oleh</translation>
    </message>
    <message>
        <source>The holder, in person</source>
        <translation>Pemegang sertifikat sendiri</translation>
    </message>
    <message>
        <source>An official on the holder&apos;s behalf (the superior or the head of the office)</source>
        <translation>Pejabat atas nama pemegang (atasan atau kepala perangkat daerah)</translation>
    </message>
    <message>
        <source>A deceased holder cannot file: the superior or the head of the office files on their behalf.</source>
        <translation>Pemegang yang telah meninggal dunia tidak dapat mengajukan sendiri: atasan atau kepala perangkat daerah mengajukan atas namanya.</translation>
    </message>
    <message>
        <source>For a retired or dismissed holder, the superior or the head of the office usually files.</source>
        <translation>Untuk pemegang yang purna tugas atau diberhentikan, biasanya atasan atau kepala perangkat daerah yang mengajukan.</translation>
    </message>
    <message>
        <source>Official&apos;s name</source>
        <translation>Nama pejabat</translation>
    </message>
    <message>
        <source>Official&apos;s NIP</source>
        <translation>NIP pejabat</translation>
    </message>
    <message>
        <source>Official&apos;s position</source>
        <translation>Jabatan pejabat</translation>
    </message>
    <message>
        <source>Full name, with titles</source>
        <translation>Nama lengkap dengan gelar</translation>
    </message>
    <message>
        <source>18 digits</source>
        <translation>18 digit</translation>
    </message>
    <message>
        <source>E-mail for the outcome</source>
        <translation>E-mail untuk pemberitahuan hasil</translation>
    </message>
    <message>
        <source>The outcome of the request is sent to this address.</source>
        <translation>Hasil permohonan dikirim ke alamat ini.</translation>
    </message>
    <message>
        <source>Language of the e-mail</source>
        <translation>Bahasa e-mail</translation>
    </message>
    <message>
        <source>When the holder retired, died or was dismissed, the superior or the head of the office files, with the decree (SK) or the death certificate.</source>
        <translation>Jika pemegang purna tugas, meninggal dunia atau diberhentikan, atasan atau kepala kantor yang mengajukan, dengan surat keputusan (SK) atau akta kematian.</translation>
    </message>
    <message>
        <source>Relationship to the holder</source>
        <translation>Hubungan dengan pemegang</translation>
    </message>
    <message>
        <source>Direct superior</source>
        <translation>Atasan langsung</translation>
    </message>
    <message>
        <source>Head of the office (kepala perangkat daerah)</source>
        <translation>Kepala perangkat daerah</translation>
    </message>
    <message>
        <source>Head of personnel (kepegawaian)</source>
        <translation>Pejabat pengelola kepegawaian</translation>
    </message>
    <message>
        <source>Family of a deceased holder</source>
        <translation>Keluarga pemegang yang meninggal dunia</translation>
    </message>
</context>
<context>
    <name>rd::KioskIdentityPage</name>
    <message>
        <source>Type the holder&apos;s NIK (16 digits, on the identity card).</source>
        <translation>Ketik NIK pemegang (16 digit, tertera di KTP).</translation>
    </message>
    <message>
        <source>Type the holder&apos;s official e-mail address.</source>
        <translation>Ketik alamat e-mail dinas pemegang.</translation>
    </message>
    <message>
        <source>NIK and e-mail do not match our register; ask the operator.</source>
        <translation>NIK dan e-mail tidak sesuai dengan data kami; silakan hubungi petugas.</translation>
    </message>
    <message>
        <source>The register cannot be read just now. Please try again in a moment, or ask the operator.</source>
        <translation>Data pemegang tidak dapat dibaca saat ini. Silakan coba lagi beberapa saat lagi, atau hubungi petugas.</translation>
    </message>
    <message>
        <source>The NIK and e-mail belong to:</source>
        <translation>NIK dan e-mail ini milik:</translation>
    </message>
    <message>
        <source>Is this the certificate holder? Press &quot;%1&quot; to continue. If not, correct the NIK or the e-mail.</source>
        <translation>Apakah ini pemegang sertifikat? Tekan &quot;%1&quot; untuk melanjutkan. Jika bukan, perbaiki NIK atau e-mail.</translation>
    </message>
    <message>
        <source>Whose certificate is to be revoked?</source>
        <translation>Sertifikat siapa yang akan dicabut?</translation>
    </message>
    <message>
        <source>Here you ask for an electronic certificate to be revoked. First tell us whose certificate it is: the holder&apos;s NIK and the official e-mail address the office has registered for the holder.</source>
        <translation>Di sini Anda mengajukan pencabutan sertifikat elektronik. Terlebih dahulu, sebutkan pemilik sertifikat tersebut: NIK pemegang dan alamat e-mail dinas yang didaftarkan kantor untuk pemegang.</translation>
    </message>
    <message>
        <source>Holder&apos;s NIK (16 digits)</source>
        <translation>NIK pemegang (16 digit)</translation>
    </message>
    <message>
        <source>Holder&apos;s official e-mail</source>
        <translation>E-mail dinas pemegang</translation>
    </message>
    <message>
        <source>e.g. name@natunakab.go.id</source>
        <translation>mis. nama@natunakab.go.id</translation>
    </message>
</context>
<context>
    <name>rd::KioskPage</name>
    <message>
        <source>Electronic certificate revocation</source>
        <translation>Pencabutan Sertifikat Elektronik</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Langkah %1 dari %2</translation>
    </message>
</context>
<context>
    <name>rd::KioskReasonPage</name>
    <message>
        <source>Choose the reason from the list: what it means is explained here.</source>
        <translation>Pilih alasan dari daftar: penjelasannya tampil di sini.</translation>
    </message>
    <message>
        <source>Explain the reason (required)</source>
        <translation>Jelaskan alasannya (wajib)</translation>
    </message>
    <message>
        <source>Notes for the operator (optional)</source>
        <translation>Catatan untuk petugas (opsional)</translation>
    </message>
    <message>
        <source>Choose the reason for the revocation.</source>
        <translation>Pilih alasan pencabutan.</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>Tanggal tidak boleh melewati hari ini.</translation>
    </message>
    <message>
        <source>Explain the reason: it is required for &quot;%1&quot;.</source>
        <translation>Jelaskan alasannya: wajib diisi untuk &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Why is the certificate to be revoked?</source>
        <translation>Mengapa sertifikat perlu dicabut?</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Since when</source>
        <translation>Sejak tanggal</translation>
    </message>
    <message>
        <source>The day the reason took effect, e.g. the day of retirement.</source>
        <translation>Tanggal alasan itu berlaku, mis. tanggal purna tugas.</translation>
    </message>
    <message>
        <source>e.g. the laptop with the certificate was stolen</source>
        <translation>mis. laptop berisi sertifikat dicuri</translation>
    </message>
</context>
<context>
    <name>rd::KioskReceiptPage</name>
    <message>
        <source>An operator checks the data and the documents, and then the certificate itself.</source>
        <translation>Petugas memeriksa data dan dokumen, lalu sertifikatnya.</translation>
    </message>
    <message>
        <source>When everything is in order, the operator revokes the certificate.</source>
        <translation>Jika semuanya lengkap dan sesuai, petugas mencabut sertifikat.</translation>
    </message>
    <message>
        <source>An e-mail in %1 goes to %2 when the certificate has been revoked.</source>
        <translation>Pemberitahuan melalui e-mail (%1) dikirim ke %2 setelah sertifikat dicabut.</translation>
    </message>
    <message>
        <source>Keep the agenda number: the operator asks for it.</source>
        <translation>Simpan nomor agenda ini: petugas akan menanyakannya.</translation>
    </message>
    <message>
        <source>Your request has been filed</source>
        <translation>Permohonan Anda telah diajukan</translation>
    </message>
    <message>
        <source>Agenda number</source>
        <translation>Nomor agenda</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Langkah selanjutnya</translation>
    </message>
    <message>
        <source>Keep the filing number: the operator asks for it and gives the request its agenda number.</source>
        <translation>Simpanlah nomor pengajuan ini: operator akan menanyakannya dan memberikan nomor agenda untuk permohonan Anda.</translation>
    </message>
    <message>
        <source>Filing number</source>
        <translation>Nomor pengajuan</translation>
    </message>
    <message>
        <source>Sending your request to AMS…</source>
        <translation>Mengirim permohonan Anda ke AMS…</translation>
    </message>
    <message>
        <source>Your request is also filed in AMS, number %1.</source>
        <translation>Permohonan Anda juga sudah diajukan di AMS, nomor %1.</translation>
    </message>
    <message>
        <source>AMS could not be reached just now. Your request is kept here, and the officer files it in AMS for you: there is nothing more you need to do.</source>
        <translation>AMS tidak dapat dihubungi saat ini. Permohonan Anda tetap tersimpan di sini, dan petugas mengajukannya di AMS untuk Anda: tidak ada lagi yang perlu Anda lakukan.</translation>
    </message>
    <message>
        <source>The officer files your request in AMS: there is nothing more you need to do there.</source>
        <translation>Petugas mengajukan permohonan Anda di AMS: tidak ada lagi yang perlu Anda lakukan di sana.</translation>
    </message>
    <message>
        <source>Your receipt is being printed: take it with you.</source>
        <translation>Tanda terima Anda sedang dicetak: bawalah.</translation>
    </message>
    <message>
        <source>The receipt could not be printed (%1). Write the number down, or ask the officer for a copy.</source>
        <translation>Tanda terima tidak dapat dicetak (%1). Catat nomornya, atau mintalah salinan kepada petugas.</translation>
    </message>
    <message>
        <source>An e-mail in %1 goes to %2 when the certificate has been revoked, normally within one working day.</source>
        <translation>E-mail dalam %1 dikirim ke %2 setelah sertifikat dicabut, biasanya dalam satu hari kerja.</translation>
    </message>
</context>
<context>
    <name>rd::KioskSummaryPage</name>
    <message>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <source>%1, %2 (NIP %3), on the holder&apos;s behalf</source>
        <translation>%1, %2 (NIP %3), atas nama pemegang</translation>
    </message>
    <message>
        <source>The holder, in person</source>
        <translation>Pemegang sertifikat sendiri</translation>
    </message>
    <message>
        <source>the pension decree (SK pensiun)</source>
        <translation>SK pensiun</translation>
    </message>
    <message>
        <source>the dismissal decree (SK pemberhentian)</source>
        <translation>SK pemberhentian</translation>
    </message>
    <message>
        <source>the transfer decree (SK mutasi)</source>
        <translation>SK mutasi</translation>
    </message>
    <message>
        <source>the death certificate</source>
        <translation>surat keterangan kematian</translation>
    </message>
    <message>
        <source>After you file, an operator checks the data and the documents at the counter before the certificate is revoked.</source>
        <translation>Setelah permohonan diajukan, petugas memeriksa data dan dokumen di loket sebelum sertifikat dicabut.</translation>
    </message>
    <message>
        <source>Have %1 ready for the operator.</source>
        <translation>Siapkan %1 untuk diperiksa petugas.</translation>
    </message>
    <message>
        <source>Tick the statement to file the request.</source>
        <translation>Centang pernyataan untuk mengajukan permohonan.</translation>
    </message>
    <message>
        <source>The request could not be stored just now.</source>
        <translation>Permohonan tidak dapat disimpan saat ini.</translation>
    </message>
    <message>
        <source>The request could not be filed: %1</source>
        <translation>Permohonan tidak dapat diajukan: %1</translation>
    </message>
    <message>
        <source>Nothing you entered is lost: press &quot;%1&quot; to try again, or ask the operator.</source>
        <translation>Data yang Anda isi tidak hilang: tekan &quot;%1&quot; untuk mencoba lagi, atau hubungi petugas.</translation>
    </message>
    <message>
        <source>Check and file the request</source>
        <translation>Periksa dan ajukan permohonan</translation>
    </message>
    <message>
        <source>This is what will be filed. To change something, go back.</source>
        <translation>Data berikut akan diajukan. Untuk mengubahnya, silakan kembali.</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Pemegang</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit kerja</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sejak</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation>Diajukan oleh</translation>
    </message>
    <message>
        <source>Outcome to</source>
        <translation>Hasil dikirim ke</translation>
    </message>
    <message>
        <source>E-mail language</source>
        <translation>Bahasa e-mail</translation>
    </message>
    <message>
        <source>I state that the holder stops using this certificate.</source>
        <translation>Saya menyatakan bahwa pemegang berhenti menggunakan sertifikat ini.</translation>
    </message>
</context>
<context>
    <name>rd::KioskWizard</name>
    <message>
        <source>Cancel the request</source>
        <translation>Batalkan permohonan</translation>
    </message>
    <message>
        <source>Cancel this request? Everything entered so far is cleared.</source>
        <translation>Batalkan permohonan ini? Semua yang sudah diisi akan dihapus.</translation>
    </message>
    <message>
        <source>Yes, cancel and clear</source>
        <translation>Ya, batalkan dan hapus</translation>
    </message>
    <message>
        <source>No, continue</source>
        <translation>Tidak, lanjutkan</translation>
    </message>
    <message>
        <source>Electronic certificate revocation</source>
        <translation>Pencabutan Sertifikat Elektronik</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <source>File the request</source>
        <translation>Ajukan permohonan</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Show the kiosk in Indonesian</source>
        <translation>Tampilkan kios dalam bahasa Indonesia</translation>
    </message>
    <message>
        <source>Show the kiosk in English</source>
        <translation>Tampilkan kios dalam bahasa Inggris</translation>
    </message>
    <message>
        <source>This kiosk has no printer. Ask the officer at the counter to print it for you.</source>
        <translation>Kios ini tidak memiliki pencetak. Mintalah petugas di loket mencetaknya untuk Anda.</translation>
    </message>
    <message>
        <source>Cancel this visit? The draft stays saved under the resume code on the letter; everything else is cleared.</source>
        <translation>Batalkan kunjungan ini? Draf tetap tersimpan dengan kode lanjutan pada surat; selebihnya dihapus.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts at this kiosk. Please wait %n minute(s) and try again, or ask the officer at the counter.</source>
        <translation>
            <numerusform>Terlalu banyak percobaan di kios ini. Silakan tunggu %n menit lalu coba lagi, atau tanyakan kepada petugas di loket.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts at this kiosk. Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Terlalu banyak percobaan di kios ini. Silakan tunggu %n detik lalu coba lagi.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::OcspClient</name>
    <message>
        <source>Certificate %1 was not issued by %2.</source>
        <translation>Sertifikat %1 tidak diterbitkan oleh %2.</translation>
    </message>
    <message>
        <source>Could not build the OCSP request.</source>
        <translation>Permintaan OCSP tidak dapat disusun.</translation>
    </message>
    <message>
        <source>Could not add a nonce to the OCSP request.</source>
        <translation>Nonce tidak dapat ditambahkan ke permintaan OCSP.</translation>
    </message>
    <message>
        <source>Could not encode the OCSP request.</source>
        <translation>Permintaan OCSP tidak dapat dikodekan.</translation>
    </message>
    <message>
        <source>The answer from %1 is not an OCSP response.</source>
        <translation>Jawaban dari %1 bukan respons OCSP.</translation>
    </message>
    <message>
        <source>The OCSP responder %1 refused to answer: %2.</source>
        <translation>Responder OCSP %1 menolak menjawab: %2.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 holds no basic response.</source>
        <translation>Respons OCSP dari %1 tidak memuat basic response.</translation>
    </message>
    <message>
        <source>Could not prepare the OCSP signature check.</source>
        <translation>Pemeriksaan tanda tangan OCSP tidak dapat disiapkan.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 is not signed by %2 or by a responder it authorised.</source>
        <translation>Respons OCSP dari %1 tidak ditandatangani oleh %2 atau oleh responder yang diberi wewenang olehnya.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 carries another request&apos;s nonce: it may be a replayed answer.</source>
        <translation>Respons OCSP dari %1 membawa nonce milik permintaan lain: mungkin jawaban yang diputar ulang (replay).</translation>
    </message>
    <message>
        <source>The OCSP response from %1 has a nonce that does not fit the request.</source>
        <translation>Respons OCSP dari %1 memiliki nonce yang tidak sesuai dengan permintaan.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 does not answer for certificate %2.</source>
        <translation>Respons OCSP dari %1 tidak memuat jawaban untuk sertifikat %2.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 has unreadable update times.</source>
        <translation>Waktu pembaruan dalam respons OCSP dari %1 tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 is dated %2, in the future.</source>
        <translation>Respons OCSP dari %1 bertanggal %2, di masa mendatang.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 is stale: it was valid until %2.</source>
        <translation>Respons OCSP dari %1 sudah kedaluwarsa: berlaku hanya sampai %2.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 expires before it was made.</source>
        <translation>Respons OCSP dari %1 kedaluwarsa sebelum waktu pembuatannya.</translation>
    </message>
    <message>
        <source>The OCSP response from %1 is stale: it dates from %2.</source>
        <translation>Respons OCSP dari %1 sudah usang: bertanggal %2.</translation>
    </message>
    <message>
        <source>Certificate %1 names no OCSP responder; give one.</source>
        <translation>Sertifikat %1 tidak mencantumkan responder OCSP; tentukan salah satu.</translation>
    </message>
    <message>
        <source>%1 is not an http or https URL.</source>
        <translation>%1 bukan URL http atau https.</translation>
    </message>
    <message>
        <source>The answer from %1 is larger than %2 KiB, more than an OCSP response can be; it was not read.</source>
        <translation>Jawaban dari %1 lebih besar dari %2 KiB, melebihi ukuran respons OCSP yang mungkin; jawaban tersebut tidak dibaca.</translation>
    </message>
    <message numerus="yes">
        <source>The OCSP responder %1 did not answer within %n second(s).</source>
        <translation>
            <numerusform>Responder OCSP %1 tidak menjawab dalam %n detik.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not reach the OCSP responder %1.</source>
        <translation>Responder OCSP %1 tidak dapat dihubungi.</translation>
    </message>
    <message>
        <source>The OCSP responder %1 answered with HTTP status %2.</source>
        <translation>Responder OCSP %1 menjawab dengan status HTTP %2.</translation>
    </message>
</context>
<context>
    <name>rd::PortalAmsGateway</name>
    <message>
        <source>The setting ams/url is not set.</source>
        <translation>Pengaturan ams/url belum diatur.</translation>
    </message>
    <message>
        <source>The browser could not be opened; open %1 by hand.</source>
        <translation>Peramban tidak dapat dibuka; buka %1 secara manual.</translation>
    </message>
    <message>
        <source>Enter the request number that AMS shows.</source>
        <translation>Masukkan nomor permohonan yang ditampilkan AMS.</translation>
    </message>
    <message>
        <source>The outcome is revoked, rejected or pending, not &quot;%1&quot;.</source>
        <translation>Hasilnya harus revoked, rejected, atau pending, bukan &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Claimed by the operator; awaiting OCSP or CRL proof.</source>
        <translation>Dinyatakan oleh petugas; menunggu bukti OCSP atau CRL.</translation>
    </message>
    <message>
        <source>Only a portal revocation is confirmed here.</source>
        <translation>Hanya pencabutan melalui portal yang dikonfirmasi di sini.</translation>
    </message>
    <message>
        <source>The status is about serial %1, not the request&apos;s certificate %2.</source>
        <translation>Status ini mengenai nomor seri %1, bukan sertifikat permohonan %2.</translation>
    </message>
    <message>
        <source>%1 says %2 at %3: not revoked yet.</source>
        <translation>%1 menyatakan %2 pada %3: belum dicabut.</translation>
    </message>
</context>
<context>
    <name>rd::ProofSeeker</name>
    <message>
        <source>Certificate %1 names no http(s) address of its issuer&apos;s certificate (caIssuers), so its status cannot be checked.</source>
        <translation>Sertifikat %1 tidak mencantumkan alamat http(s) sertifikat penerbitnya (caIssuers), sehingga statusnya tidak dapat diperiksa.</translation>
    </message>
    <message>
        <source>Could not fetch the issuer&apos;s certificate from %1: %2</source>
        <translation>Sertifikat penerbit tidak dapat diambil dari %1: %2</translation>
    </message>
    <message>
        <source>%1 did not give a certificate.</source>
        <translation>%1 tidak memberikan sertifikat.</translation>
    </message>
    <message>
        <source>The certificate at %1 did not sign certificate %2.</source>
        <translation>Sertifikat di %1 tidak menandatangani sertifikat %2.</translation>
    </message>
</context>
<context>
    <name>rd::RequestDetailsDialog</name>
    <message>
        <source>Request details</source>
        <translation>Rincian permohonan</translation>
    </message>
    <message>
        <source>Agenda number:</source>
        <translation>Nomor agenda:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Holder:</source>
        <translation>Pemegang sertifikat:</translation>
    </message>
    <message>
        <source>NIK:</source>
        <translation>NIK:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Unit kerja:</translation>
    </message>
    <message>
        <source>Certificate serial:</source>
        <translation>Nomor seri sertifikat:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Alasan:</translation>
    </message>
    <message>
        <source>In the applicant&apos;s words:</source>
        <translation>Penjelasan pemohon:</translation>
    </message>
    <message>
        <source>Effective date:</source>
        <translation>Tanggal berlaku:</translation>
    </message>
    <message>
        <source>Filed by:</source>
        <translation>Diajukan oleh:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Saluran:</translation>
    </message>
    <message>
        <source>Applicant&apos;s e-mail:</source>
        <translation>E-mail pemohon:</translation>
    </message>
    <message>
        <source>Applicant&apos;s language:</source>
        <translation>Bahasa pemohon:</translation>
    </message>
    <message>
        <source>AMS reference:</source>
        <translation>Referensi AMS:</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Verifikator:</translation>
    </message>
    <message>
        <source>Reason for closing:</source>
        <translation>Alasan penutupan:</translation>
    </message>
    <message>
        <source>Filed at:</source>
        <translation>Waktu pengajuan:</translation>
    </message>
    <message>
        <source>Last changed:</source>
        <translation>Terakhir diubah:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versi:</translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation>&amp;Permohonan</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Langkah</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>SOP s&amp;teps</source>
        <translation>&amp;Langkah SOP</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Kegiatan</translation>
    </message>
    <message>
        <source>Standard (min)</source>
        <translation>Mutu baku (menit)</translation>
    </message>
    <message>
        <source>Actual (min)</source>
        <translation>Aktual (menit)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>T&amp;ime against standard</source>
        <translation>&amp;Waktu terhadap mutu baku</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Tutup</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Permohonan %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>None yet (draft #%1)</source>
        <translation>Belum ada (draf #%1)</translation>
    </message>
    <message>
        <source>Not chosen yet</source>
        <translation>Belum dipilih</translation>
    </message>
    <message>
        <source>On revocation</source>
        <translation>Saat pencabutan</translation>
    </message>
    <message>
        <source>%1, NIP %2</source>
        <translation>%1, NIP %2</translation>
    </message>
    <message>
        <source>%1 (on the holder&apos;s behalf)</source>
        <translation>%1 (atas nama pemegang)</translation>
    </message>
    <message>
        <source>The holder</source>
        <translation>Pemegang sertifikat sendiri</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Bahasa Inggris</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <source>Not claimed</source>
        <translation>Belum diambil</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Tidak tercatat</translation>
    </message>
    <message>
        <source>Over by %1 min</source>
        <translation>Lebih %1 menit</translation>
    </message>
    <message>
        <source>Within standard</source>
        <translation>Sesuai mutu baku</translation>
    </message>
    <message>
        <source>The recorded steps took %1 min against a standard of %2 min.</source>
        <translation>Langkah yang tercatat memakan waktu %1 menit, dengan mutu baku %2 menit.</translation>
    </message>
    <message>
        <source>&amp;Papers</source>
        <translation>&amp;Naskah</translation>
    </message>
</context>
<context>
    <name>rd::RequestQueueModel</name>
    <message>
        <source>Kiosk</source>
        <translation>Kios</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>Meja kerja</translation>
    </message>
    <message>
        <source>Risk monitor</source>
        <translation>Pemantau risiko</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Baris perintah</translation>
    </message>
    <message>
        <source>Draft #%1: an agenda number is given when it is submitted.</source>
        <translation>Draf #%1: nomor agenda diberikan saat permohonan diajukan.</translation>
    </message>
    <message>
        <source>Agenda number %1</source>
        <translation>Nomor agenda %1</translation>
    </message>
    <message>
        <source>%1
NIK %2
%3</source>
        <translation>%1
NIK %2
%3</translation>
    </message>
    <message>
        <source>%1 office time (%2)</source>
        <translation>%1 waktu kantor (%2)</translation>
    </message>
    <message>
        <source>No operator has claimed this request.</source>
        <translation>Belum ada verifikator yang mengambil permohonan ini.</translation>
    </message>
    <message>
        <source>Claimed by %1</source>
        <translation>Diambil oleh %1</translation>
    </message>
    <message>
        <source>Agenda number</source>
        <translation>Nomor agenda</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Pemegang</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit kerja</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Filed at</source>
        <translation>Tgl. diajukan</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Verifikator</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Saluran</translation>
    </message>
    <message>
        <source>When the request was filed, in office time (%1). Click to show the newest or the oldest requests first.</source>
        <translation>Waktu permohonan diajukan, dalam waktu kantor (%1). Klik untuk menampilkan permohonan terbaru atau terlama lebih dahulu.</translation>
    </message>
    <message>
        <source>Click to show the newest or the oldest requests first.</source>
        <translation>Klik untuk menampilkan permohonan terbaru atau terlama lebih dahulu.</translation>
    </message>
    <message>
        <source>The queue is ordered by filing; this column cannot be sorted. Use the state filter and the search instead.</source>
        <translation>Antrean diurutkan menurut waktu pengajuan; kolom ini tidak dapat diurutkan. Gunakan filter status dan pencarian.</translation>
    </message>
</context>
<context>
    <name>rd::RestAmsGateway</name>
    <message>
        <source>AMS answered, but not with the JSON this program expects (%1). Nothing is taken as done; the request stays as it was.</source>
        <translation>AMS menjawab, tetapi tidak dengan JSON yang diharapkan program ini (%1). Tidak ada yang dianggap selesai; permohonan tetap seperti semula.</translation>
    </message>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>jawaban bukan objek JSON</translation>
    </message>
    <message>
        <source>AMS reported a failure of its own (HTTP %1) and did not answer in JSON. Your request is kept and will be sent again.</source>
        <translation>AMS melaporkan kegagalan internal (HTTP %1) dan tidak menjawab dalam JSON. Permintaan Anda disimpan dan akan dikirim ulang.</translation>
    </message>
    <message>
        <source>AMS reported a failure of its own (HTTP %1) and did not answer in JSON; try again later.</source>
        <translation>AMS melaporkan kegagalan internal (HTTP %1) dan tidak menjawab dalam JSON; coba lagi nanti.</translation>
    </message>
    <message>
        <source>HTTP %1 without a JSON error</source>
        <translation>HTTP %1 tanpa pesan kesalahan JSON</translation>
    </message>
    <message>
        <source>AMS refused the user name or password.</source>
        <translation>AMS menolak nama pengguna atau kata sandi.</translation>
    </message>
    <message>
        <source>AMS refused the one-time code. Wait for the next code and try again.</source>
        <translation>AMS menolak kode sekali pakai. Tunggu kode berikutnya lalu coba lagi.</translation>
    </message>
    <message>
        <source>AMS wants a log-in first (the session is missing or expired).</source>
        <translation>AMS meminta log-in terlebih dahulu (sesi tidak ada atau sudah berakhir).</translation>
    </message>
    <message>
        <source>AMS does not allow this: %1</source>
        <translation>AMS tidak mengizinkan tindakan ini: %1</translation>
    </message>
    <message>
        <source>AMS does not know it: %1</source>
        <translation>AMS tidak mengenalinya: %1</translation>
    </message>
    <message>
        <source>AMS refused: %1</source>
        <translation>AMS menolak: %1</translation>
    </message>
    <message>
        <source>AMS reported a failure of its own: %1. Your request is kept and will be sent again.</source>
        <translation>AMS melaporkan kegagalan internal: %1. Permintaan Anda disimpan dan akan dikirim ulang.</translation>
    </message>
    <message>
        <source>AMS reported a failure of its own: %1. Try again later.</source>
        <translation>AMS melaporkan kegagalan internal: %1. Coba lagi nanti.</translation>
    </message>
    <message>
        <source>AMS refused the request: %1</source>
        <translation>AMS menolak permintaan: %1</translation>
    </message>
    <message>
        <source>no &quot;status&quot; in the health answer</source>
        <translation>tidak ada &quot;status&quot; dalam jawaban health</translation>
    </message>
    <message>
        <source>no token in the log-in answer</source>
        <translation>tidak ada token dalam jawaban log-in</translation>
    </message>
    <message>
        <source>Log in to AMS first: there is no session, and no one-time code secret to log in with.</source>
        <translation>Masuk (log-in) ke AMS terlebih dahulu: belum ada sesi, dan tidak ada rahasia kode sekali pakai untuk masuk.</translation>
    </message>
    <message>
        <source>no &quot;certificates&quot; list</source>
        <translation>tidak ada daftar &quot;certificates&quot;</translation>
    </message>
    <message>
        <source>The statement letter is larger than AMS accepts (1 MB).</source>
        <translation>Surat pernyataan lebih besar daripada batas yang diterima AMS (1 MB).</translation>
    </message>
    <message>
        <source>The statement letter must be a PDF file.</source>
        <translation>Surat pernyataan harus berupa berkas PDF.</translation>
    </message>
    <message>
        <source>A request to AMS that changes state needs an idempotency key.</source>
        <translation>Permintaan ke AMS yang mengubah status memerlukan kunci idempotensi.</translation>
    </message>
    <message>
        <source>no &quot;requests&quot; list</source>
        <translation>tidak ada daftar &quot;requests&quot;</translation>
    </message>
    <message>
        <source>a certificate without serial, subject, validity or a known status</source>
        <translation>sertifikat tanpa nomor seri, subjek, masa berlaku, atau status yang dikenal</translation>
    </message>
    <message>
        <source>a request without id, serial or a known status</source>
        <translation>permohonan tanpa id, nomor seri, atau status yang dikenal</translation>
    </message>
    <message>
        <source>This needs the rest backend (setting ams/backend = rest); with the portal backend AMS is used in its web pages.</source>
        <translation>Perintah ini memerlukan backend rest (pengaturan ams/backend = rest); dengan backend portal, AMS digunakan melalui halaman webnya.</translation>
    </message>
    <message>
        <source>The setting ams/url is not set.</source>
        <translation>Pengaturan ams/url belum diatur.</translation>
    </message>
    <message>
        <source>AMS does not allow this account to do this: %1</source>
        <translation>AMS tidak mengizinkan akun ini melakukannya: %1</translation>
    </message>
</context>
<context>
    <name>rd::RevocationStatusChecker</name>
    <message>
        <source>Certificate %1 names neither an OCSP responder nor an http CRL distribution point; give one.</source>
        <translation>Sertifikat %1 tidak mencantumkan responder OCSP maupun titik distribusi CRL http; tentukan salah satu.</translation>
    </message>
    <message>
        <source>No source could tell the certificate&apos;s status. %1</source>
        <translation>Tidak ada sumber yang dapat memastikan status sertifikat. %1</translation>
    </message>
    <message>
        <source>The CRL at %1 is larger than %2 MiB, more than is downloaded; it was not read. Give a larger CRL as a file with --crl.</source>
        <translation>CRL di %1 lebih besar dari %2 MiB, melebihi batas unduhan; CRL tersebut tidak dibaca. Berikan CRL yang lebih besar sebagai berkas dengan --crl.</translation>
    </message>
    <message numerus="yes">
        <source>The CRL at %1 did not arrive within %n second(s).</source>
        <translation>
            <numerusform>CRL di %1 tidak diterima dalam %n detik.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not download the CRL at %1.</source>
        <translation>CRL di %1 tidak dapat diunduh.</translation>
    </message>
    <message>
        <source>%1 (asked: %2)</source>
        <translation>%1 (ditanyakan ke: %2)</translation>
    </message>
</context>
<context>
    <name>rd::WorkbenchWindow</name>
    <message>
        <source>Revocation Desk</source>
        <translation>Layanan Pencabutan Sertifikat Elektronik</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>Show only the requests in this state</source>
        <translation>Tampilkan hanya permohonan dengan status ini</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Cari:</translation>
    </message>
    <message>
        <source>An agenda number (SE/2026/11/0001), the first digits of a NIK or NIP, or part of the holder&apos;s name (three letters or more)</source>
        <translation>Nomor agenda (SE/2026/11/0001), digit awal NIK atau NIP, atau sebagian nama pemegang (sekurang-kurangnya tiga huruf)</translation>
    </message>
    <message>
        <source>Agenda number, NIK or name</source>
        <translation>Nomor agenda, NIK, atau nama</translation>
    </message>
    <message>
        <source>Press Enter or double-click a request to see its details</source>
        <translation>Tekan Enter atau klik ganda permohonan untuk melihat rinciannya</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>Ber&amp;kas</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Antrean</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>Go to the search field</source>
        <translation>Pindah ke kolom pencarian</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Tampilkan &amp;rincian</translation>
    </message>
    <message>
        <source>Show the selected request&apos;s details, steps and times</source>
        <translation>Tampilkan rincian, langkah, dan waktu permohonan yang dipilih</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>Read the queue and the state counts again from the database</source>
        <translation>Baca ulang antrean dan jumlah per status dari basis data</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>&amp;About Revocation Desk</source>
        <translation>&amp;Tentang Revocation Desk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Tentang &amp;Qt</translation>
    </message>
    <message>
        <source>The request queue could not be read: %1</source>
        <translation>Antrean permohonan tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Basis data: %1</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>The number of requests per state could not be read: %1</source>
        <translation>Jumlah permohonan per status tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1 (%L2)</translation>
    </message>
    <message>
        <source>The queue is unavailable</source>
        <translation>Antrean tidak tersedia</translation>
    </message>
    <message>
        <source>No request matches</source>
        <translation>Tidak ada permohonan yang cocok</translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation>Belum ada permohonan</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln permohonan</numerusform>
        </translation>
    </message>
    <message>
        <source>The request could not be read: %1</source>
        <translation>Permohonan tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>About Revocation Desk</source>
        <translation>Tentang Revocation Desk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Revocation Desk %1&lt;/h3&gt;&lt;p&gt;Layanan Pencabutan Sertifikat Elektronik: the regency&apos;s procedure for revoking an electronic certificate, from the applicant&apos;s request to the notice that it was revoked.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Revocation Desk %1&lt;/h3&gt;&lt;p&gt;Layanan Pencabutan Sertifikat Elektronik: prosedur Pemerintah Kabupaten Natuna untuk mencabut sertifikat elektronik, mulai dari permohonan pemohon hingga pemberitahuan bahwa sertifikat telah dicabut.&lt;/p&gt;&lt;p&gt;Basis data: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>What kiosks filed could not be taken in: %1</source>
        <translation>Pengajuan dari kios tidak dapat diterima: %1</translation>
    </message>
</context>
<context>
    <name>rd::WorkflowWorker</name>
    <message>
        <source>AMS answers: %1</source>
        <translation>Jawaban AMS: %1</translation>
    </message>
    <message>
        <source>Another worker is draining the AMS queue of this database.</source>
        <translation>Proses latar belakang lain sedang mengosongkan antrean AMS basis data ini.</translation>
    </message>
    <message>
        <source>AMS queue: %1</source>
        <translation>Antrean AMS: %1</translation>
    </message>
    <message>
        <source>AMS call %1: %2</source>
        <translation>Panggilan AMS %1: %2</translation>
    </message>
    <message>
        <source>AMS call %1 (%2, request %3): %4</source>
        <translation>Panggilan AMS %1 (%2, permohonan %3): %4</translation>
    </message>
    <message>
        <source>Another worker is seeking the proofs of this database.</source>
        <translation>Proses latar belakang lain sedang mencari bukti pencabutan untuk basis data ini.</translation>
    </message>
    <message>
        <source>Proofs: %1</source>
        <translation>Bukti pencabutan: %1</translation>
    </message>
    <message>
        <source>%1: no certificate to check: %2</source>
        <translation>%1: tidak ada sertifikat untuk diperiksa: %2</translation>
    </message>
    <message>
        <source>%1: revoked, proven by %2</source>
        <translation>%1: dicabut, dibuktikan oleh %2</translation>
    </message>
    <message>
        <source>%1: the proof could not be stored: %2</source>
        <translation>%1: bukti pencabutan tidak dapat disimpan: %2</translation>
    </message>
    <message>
        <source>%1: not yet shown as revoked (%2); again at %3</source>
        <translation>%1: belum tercantum sebagai dicabut (%2); dicoba lagi pada %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>Kotak keluar: %1</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n e-mail(s) sent</source>
        <translation>
            <numerusform>Kotak keluar: %n e-mail terkirim</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaperComposer</name>
    <message>
        <source>%1 has no data verification on record yet (SOP steps 6 and 7): there is no result to print.</source>
        <translation>%1 belum memiliki hasil verifikasi data (langkah 6 dan 7 SOP): belum ada hasil yang dapat dicetak.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a paper&apos;s code: give the text of its QR code, or the code printed beside it (at least 16 hexadecimal digits).</source>
        <translation>&quot;%1&quot; bukan kode naskah: berikan isi kode QR-nya, atau kode yang tercetak di sampingnya (paling sedikit 16 digit heksadesimal).</translation>
    </message>
</context>
<context>
    <name>PaperKinds</name>
    <message>
        <source>Statement letter</source>
        <translation>Surat keterangan pencabutan</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Tanda terima</translation>
    </message>
    <message>
        <source>Data verification result</source>
        <translation>Hasil verifikasi data</translation>
    </message>
    <message>
        <source>Control card</source>
        <translation>Kartu kendali</translation>
    </message>
    <message>
        <source>Disposition sheet</source>
        <translation>Lembar disposisi</translation>
    </message>
</context>
<context>
    <name>PaperLanguage</name>
    <message>
        <source>Papers are printed in id (Indonesian) or en (English), not &quot;%1&quot;.</source>
        <translation>Naskah dicetak dalam id (bahasa Indonesia) atau en (bahasa Inggris), bukan &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The Indonesian texts of the papers are not built into this program.</source>
        <translation>Teks bahasa Indonesia untuk naskah tidak tersedia dalam program ini.</translation>
    </message>
</context>
<context>
    <name>PaperRenderer</name>
    <message>
        <source>Papers are drawn by a program with QtGui&apos;s fonts (a QGuiApplication).</source>
        <translation>Naskah digambar oleh program yang memakai fon QtGui (QGuiApplication).</translation>
    </message>
    <message>
        <source>The papers are printed in DejaVu Sans, which is not installed in %1 (Debian&apos;s fonts-dejavu-core package).</source>
        <translation>Naskah dicetak dengan fon DejaVu Sans, yang tidak terpasang di %1 (paket Debian fonts-dejavu-core).</translation>
    </message>
    <message>
        <source>The paper could not be drawn on this device.</source>
        <translation>Naskah tidak dapat digambar pada perangkat ini.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 tidak dapat ditulis: %2</translation>
    </message>
</context>
<context>
    <name>QrCode</name>
    <message>
        <source>The QR code could not be made (%1 bytes).</source>
        <translation>Kode QR tidak dapat dibuat (%1 bita).</translation>
    </message>
</context>
<context>
    <name>ReportCommands</name>
    <message>
        <source>Print a request&apos;s papers as PDF (statement letter, receipt, data verification result, control card, disposition sheet) and check a printed paper&apos;s code.</source>
        <translation>Cetak naskah suatu permohonan sebagai PDF (surat keterangan, tanda terima, hasil verifikasi data, kartu kendali, lembar disposisi) dan periksa kode naskah yang sudah dicetak.</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>Berkas PDF yang akan ditulis.</translation>
    </message>
    <message>
        <source>id or en; by default the language the applicant chose (Indonesian unless English was chosen).</source>
        <translation>id atau en; bawaannya bahasa yang dipilih pemohon (bahasa Indonesia kecuali dipilih bahasa Inggris).</translation>
    </message>
    <message>
        <source>The request&apos;s agenda number.</source>
        <translation>Nomor agenda permohonan.</translation>
    </message>
    <message>
        <source>Write the %1 of a request as a PDF: letterhead (office/* settings), the record&apos;s values, and on every page a QR code with the agenda number and a SHA-256 of what the paper says, which `report check` compares with the record. Needs an operator&apos;s log-in.</source>
        <translation>Tulis %1 suatu permohonan sebagai PDF: kop surat (pengaturan office/*), data dari catatan, dan di setiap halaman kode QR berisi nomor agenda serta SHA-256 dari isi naskah, yang dibandingkan `report check` dengan catatan. Perlu masuk sebagai operator.</translation>
    </message>
    <message>
        <source>report %1 takes one agenda number.</source>
        <translation>report %1 memerlukan satu nomor agenda.</translation>
    </message>
    <message>
        <source>report %1 needs --out FILE.pdf.</source>
        <translation>report %1 memerlukan --out BERKAS.pdf.</translation>
    </message>
    <message>
        <source>The office&apos;s letterhead is not set (config set office/government, office/name, ...): the paper is printed without it.</source>
        <translation>Kop surat kantor belum diatur (config set office/government, office/name, ...): naskah dicetak tanpa kop.</translation>
    </message>
    <message>
        <source>%1 of %2 written to %3; its code is %4.</source>
        <translation>%1 untuk %2 ditulis ke %3; kodenya %4.</translation>
    </message>
    <message>
        <source>The text of the paper&apos;s QR code, or the verification code printed beside it.</source>
        <translation>Isi kode QR naskah, atau kode verifikasi yang tercetak di sampingnya.</translation>
    </message>
    <message>
        <source>Say whether a printed paper&apos;s code still matches its request&apos;s record. Exit 0 when it matches one of the request&apos;s papers as the record stands now, 3 when it does not: the paper was printed before the record changed, belongs to another request, or was not printed by this office. Needs an operator&apos;s log-in.</source>
        <translation>Sebutkan apakah kode naskah yang dicetak masih cocok dengan catatan permohonannya. Keluar dengan 0 bila cocok dengan salah satu naskah permohonan menurut catatan saat ini, 3 bila tidak: naskah dicetak sebelum catatan berubah, milik permohonan lain, atau tidak dicetak oleh kantor ini. Perlu masuk sebagai operator.</translation>
    </message>
    <message>
        <source>report check takes an agenda number and a code.</source>
        <translation>report check memerlukan nomor agenda dan kode.</translation>
    </message>
    <message>
        <source>The code matches the %1 of %2 as the record stands now.</source>
        <translation>Kode cocok dengan %1 untuk %2 menurut catatan saat ini.</translation>
    </message>
    <message>
        <source>The code does not match any paper of %1 as the record stands now: the paper was printed before the record changed, belongs to another request, or was not printed by this office.</source>
        <translation>Kode tidak cocok dengan naskah mana pun untuk %1 menurut catatan saat ini: naskah dicetak sebelum catatan berubah, milik permohonan lain, atau tidak dicetak oleh kantor ini.</translation>
    </message>
</context>
<context>
    <name>rd::Paper</name>
    <message>
        <source>Agenda number %1</source>
        <translation>Nomor agenda %1</translation>
    </message>
    <message>
        <source>Verification code %1</source>
        <translation>Kode verifikasi %1</translation>
    </message>
    <message>
        <source>Check: revocation-desk-cli report check %1 CODE</source>
        <translation>Periksa: revocation-desk-cli report check %1 KODE</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Halaman %1</translation>
    </message>
    <message>
        <source>Telephone %1</source>
        <translation>Telepon %1</translation>
    </message>
    <message>
        <source>E-mail %1</source>
        <translation>Pos-el %1</translation>
    </message>
    <message>
        <source>the death certificate</source>
        <translation>surat keterangan kematian</translation>
    </message>
    <message>
        <source>the pension decree</source>
        <translation>SK pensiun</translation>
    </message>
    <message>
        <source>the dismissal decree</source>
        <translation>SK pemberhentian</translation>
    </message>
    <message>
        <source>the transfer decree</source>
        <translation>SK mutasi</translation>
    </message>
    <message>
        <source>the supporting decree</source>
        <translation>surat keputusan pendukung</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Enclosure</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Hal</translation>
    </message>
    <message>
        <source>Request for Revocation of an Electronic Certificate</source>
        <translation>Permohonan Pencabutan Sertifikat Elektronik</translation>
    </message>
    <message>
        <source>the Head of the Office</source>
        <translation>Kepala Dinas</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>Yth. %1</translation>
    </message>
    <message>
        <source>as Registration Authority (RA)</source>
        <translation>selaku Registration Authority (RA)</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>di %1</translation>
    </message>
    <message>
        <source>I, the undersigned:</source>
        <translation>Yang bertanda tangan di bawah ini:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Jabatan</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit kerja</translation>
    </message>
    <message>
        <source>Official e-mail</source>
        <translation>E-mail dinas</translation>
    </message>
    <message>
        <source>acting for the holder of the certificate:</source>
        <translation>atas nama pemegang sertifikat:</translation>
    </message>
    <message>
        <source>request the revocation of this electronic certificate:</source>
        <translation>dengan ini mengajukan permohonan pencabutan sertifikat elektronik berikut:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 s.d. %2</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Nomor seri</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Masa berlaku</translation>
    </message>
    <message>
        <source>AMS username</source>
        <translation>Nama pengguna AMS</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>In effect since</source>
        <translation>Berlaku sejak</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Since that date the holder no longer uses this certificate. As evidence, %1 is attached.</source>
        <translation>Terhitung sejak tanggal tersebut pemegang tidak lagi menggunakan sertifikat elektronik ini. Sebagai bukti, terlampir %1.</translation>
    </message>
    <message>
        <source>Since that date I no longer use this certificate and I agree to its revocation. I understand that a document signed with it after the revocation is not valid.</source>
        <translation>Terhitung sejak tanggal tersebut saya tidak lagi menggunakan sertifikat elektronik ini dan menyetujui pencabutannya. Saya memahami bahwa dokumen yang ditandatangani dengan sertifikat ini setelah pencabutan tidak sah.</translation>
    </message>
    <message>
        <source>I make this statement truthfully, to be used as required.</source>
        <translation>Demikian surat keterangan ini dibuat dengan sebenar-benarnya untuk dipergunakan sebagaimana mestinya.</translation>
    </message>
    <message>
        <source>Acknowledged by,</source>
        <translation>Mengetahui,</translation>
    </message>
    <message>
        <source>the holder&apos;s superior</source>
        <translation>Atasan langsung pemegang</translation>
    </message>
    <message>
        <source>The official filing,</source>
        <translation>Pejabat yang mengajukan,</translation>
    </message>
    <message>
        <source>The applicant,</source>
        <translation>Pemohon,</translation>
    </message>
    <message>
        <source>RECEIPT</source>
        <translation>TANDA TERIMA</translation>
    </message>
    <message>
        <source>Request for revocation of an electronic certificate</source>
        <translation>Permohonan pencabutan sertifikat elektronik</translation>
    </message>
    <message>
        <source>Agenda number</source>
        <translation>Nomor agenda</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Pemegang</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Sertifikat</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>Diajukan</translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation>Diajukan oleh</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Langkah selanjutnya</translation>
    </message>
    <message>
        <source>An operator checks your data and documents, matches the certificate to the holder and has BSrE revoke it. When the revocation has taken effect, an e-mail goes to %1.</source>
        <translation>Operator memeriksa data dan dokumen Anda, mencocokkan sertifikat dengan pemegangnya, lalu meminta BSrE mencabutnya. Setelah pencabutan berlaku, e-mail dikirim ke %1.</translation>
    </message>
    <message>
        <source>Keep this receipt and give the agenda number with any question about the request.</source>
        <translation>Simpan tanda terima ini dan sebutkan nomor agenda setiap kali menanyakan permohonan ini.</translation>
    </message>
    <message>
        <source>DATA VERIFICATION RESULT</source>
        <translation>HASIL VERIFIKASI DATA</translation>
    </message>
    <message>
        <source>Request for revocation of an electronic certificate, agenda number %1</source>
        <translation>Permohonan pencabutan sertifikat elektronik, nomor agenda %1</translation>
    </message>
    <message>
        <source>1. Data and documents (SOP step 6)</source>
        <translation>1. Data dan dokumen (langkah 6 SOP)</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>Belum diperiksa.</translation>
    </message>
    <message>
        <source>In order</source>
        <translation>Sesuai</translation>
    </message>
    <message>
        <source>Not in order</source>
        <translation>Tidak sesuai</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Yang diperiksa</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Checked by %1 on %2.</source>
        <translation>Diperiksa oleh %1 pada %2.</translation>
    </message>
    <message>
        <source>2. The certificate&apos;s subject against the register (SOP step 7)</source>
        <translation>2. Subjek sertifikat dibandingkan dengan register (langkah 7 SOP)</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>cocok</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>tidak cocok</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>needs review</source>
        <translation>perlu ditinjau</translation>
    </message>
    <message>
        <source>not compared</source>
        <translation>tidak dibandingkan</translation>
    </message>
    <message>
        <source>Verdict: %1.</source>
        <translation>Kesimpulan: %1.</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Atribut</translation>
    </message>
    <message>
        <source>In the certificate</source>
        <translation>Di sertifikat</translation>
    </message>
    <message>
        <source>In the register</source>
        <translation>Di register</translation>
    </message>
    <message>
        <source>The operator,</source>
        <translation>Operator,</translation>
    </message>
    <message>
        <source>Copy %1 of 3: archive</source>
        <translation>Lembar %1 dari 3: arsip</translation>
    </message>
    <message>
        <source>Copy %1 of 3: processor</source>
        <translation>Lembar %1 dari 3: pengolah</translation>
    </message>
    <message>
        <source>Copy %1 of 3: control</source>
        <translation>Lembar %1 dari 3: pengendali</translation>
    </message>
    <message>
        <source>CONTROL CARD</source>
        <translation>KARTU KENDALI</translation>
    </message>
    <message>
        <source>Request to revoke the electronic certificate of %1 (%2), reason: %3, in effect since %4.</source>
        <translation>Permohonan pencabutan sertifikat elektronik a.n. %1 (%2), alasan: %3, berlaku sejak %4.</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Indeks</translation>
    </message>
    <message>
        <source>Electronic certificate</source>
        <translation>Sertifikat elektronik</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>No. urut</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tgl.</translation>
    </message>
    <message>
        <source>In/Out</source>
        <translation>M/K</translation>
    </message>
    <message>
        <source>In</source>
        <translation>M (masuk)</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Isi ringkas</translation>
    </message>
    <message>
        <source>Enclosures</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <source>Letter date / number</source>
        <translation>Tgl. / No. surat</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Kepada</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>Pengolah</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Paraf</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>DISPOSITION SHEET</source>
        <translation>LEMBAR DISPOSISI</translation>
    </message>
    <message>
        <source>Letter from</source>
        <translation>Surat dari</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Diterima tanggal</translation>
    </message>
    <message>
        <source>Letter number / date</source>
        <translation>Nomor / tanggal surat</translation>
    </message>
    <message>
        <source>Very urgent</source>
        <translation>Sangat segera</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Segera</translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation>Biasa</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Sifat</translation>
    </message>
    <message>
        <source>Confidentiality</source>
        <translation>Kerahasiaan</translation>
    </message>
    <message>
        <source>Request for revocation of the electronic certificate of %1, reason: %2</source>
        <translation>Permohonan pencabutan sertifikat elektronik a.n. %1, alasan: %2</translation>
    </message>
    <message>
        <source>Comments and advice</source>
        <translation>Tanggapan dan saran</translation>
    </message>
    <message>
        <source>Process further</source>
        <translation>Proses lebih lanjut</translation>
    </message>
    <message>
        <source>Coordinate / confirm</source>
        <translation>Koordinasi / konfirmasi</translation>
    </message>
    <message>
        <source>Forwarded to</source>
        <translation>Diteruskan kepada</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Instruksi</translation>
    </message>
    <message>
        <source>Initials and date</source>
        <translation>Paraf dan tanggal</translation>
    </message>
    <message>
        <source>Certificate examined: serial number %1.</source>
        <translation>Sertifikat yang diperiksa: nomor seri %1.</translation>
    </message>
    <message>
        <source>(given when the request is filed)</source>
        <translation>(diberikan saat permohonan diajukan)</translation>
    </message>
    <message>
        <source>Resume code %1: bring this letter, signed, back to the kiosk or the counter, and give this code to file the request.</source>
        <translation>Kode lanjutan %1: bawa kembali surat ini, sudah ditandatangani, ke kios atau loket, dan berikan kode ini untuk mengajukan permohonan.</translation>
    </message>
    <message>
        <source>Relationship to the holder</source>
        <translation>Hubungan dengan pemegang</translation>
    </message>
</context>
<context>
    <name>rd::PaperPreviewDialog</name>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Cetak…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Simpan sebagai PDF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Tutup</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Simpan sebagai PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>KioskFiling</name>
    <message>
        <source>AMS listed a certificate without a readable copy of it.</source>
        <translation>AMS mencantumkan sertifikat tanpa salinan yang dapat dibaca.</translation>
    </message>
    <message>
        <source>The certificate AMS sent is not the one it listed (serial %1).</source>
        <translation>Sertifikat yang dikirim AMS bukan yang dicantumkannya (nomor seri %1).</translation>
    </message>
    <message>
        <source>No draft waits under this resume code and NIK. Check both, or ask the officer at the counter.</source>
        <translation>Tidak ada draf dengan kode lanjutan dan NIK ini. Periksa keduanya, atau tanyakan kepada petugas di loket.</translation>
    </message>
</context>
<context>
    <name>KioskScreenshots</name>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 tidak dapat ditulis.</translation>
    </message>
    <message>
        <source>--screenshot needs an SQLite database (the demo&apos;s): it files a real request in a copy of it.</source>
        <translation>--screenshot memerlukan basis data SQLite (milik demo): ia mengajukan permohonan sungguhan pada salinannya.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Folder %1 tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation>Folder sementara tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>The database has no holder with an e-mail and an active certificate: seed the demo first (revocation-desk-cli demo seed).</source>
        <translation>Basis data tidak memiliki pemegang dengan e-mail dan sertifikat aktif: isi data demo terlebih dahulu (revocation-desk-cli demo seed).</translation>
    </message>
    <message>
        <source>The kiosk did not reach the page &quot;%1&quot; (it stays on page %2).</source>
        <translation>Kios tidak sampai ke halaman &quot;%1&quot; (tetap di halaman %2).</translation>
    </message>
    <message>
        <source>The letter was not printed.</source>
        <translation>Surat tidak tercetak.</translation>
    </message>
</context>
<context>
    <name>rd::KioskAmsLogInPage</name>
    <message>
        <source>Logging in to AMS…</source>
        <translation>Sedang masuk ke AMS…</translation>
    </message>
    <message>
        <source>Type your AMS user name, your password and the 6-digit code from the app.</source>
        <translation>Ketik nama pengguna AMS, kata sandi, dan kode 6 angka dari aplikasi.</translation>
    </message>
    <message>
        <source>AMS does not know this user name and password. Type them again.</source>
        <translation>AMS tidak mengenali nama pengguna dan kata sandi ini. Ketik ulang.</translation>
    </message>
    <message>
        <source>The one-time code was wrong or has expired. Wait for a new code in the app and type it.</source>
        <translation>Kode sekali pakai salah atau sudah kedaluwarsa. Tunggu kode baru di aplikasi lalu ketik.</translation>
    </message>
    <message>
        <source>AMS cannot be reached just now. Try again in a moment, or go back and let an official file for you: the officer then files it in AMS.</source>
        <translation>AMS tidak dapat dihubungi saat ini. Coba lagi sebentar lagi, atau kembali dan biarkan pejabat mengajukan atas nama Anda: petugas kemudian mengajukannya di AMS.</translation>
    </message>
    <message>
        <source>Log in to AMS</source>
        <translation>Masuk ke AMS</translation>
    </message>
    <message>
        <source>Log in with your own BSrE AMS account, as on the AMS website. The password and the code go to AMS only: this kiosk does not keep them.</source>
        <translation>Masuk dengan akun AMS BSrE milik Anda sendiri, seperti di situs AMS. Kata sandi dan kode hanya dikirim ke AMS: kios ini tidak menyimpannya.</translation>
    </message>
    <message>
        <source>AMS user name</source>
        <translation>Nama pengguna AMS</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>One-time code (6 digits, from the authenticator app)</source>
        <translation>Kode sekali pakai (6 angka, dari aplikasi autentikator)</translation>
    </message>
</context>
<context>
    <name>rd::KioskAmsSession</name>
    <message>
        <source>The applicant logs in to AMS at the kiosk only with the rest backend.</source>
        <translation>Pemohon masuk ke AMS di kios hanya dengan backend rest.</translation>
    </message>
    <message>
        <source>The setting ams/url is not set.</source>
        <translation>Pengaturan ams/url belum diisi.</translation>
    </message>
</context>
<context>
    <name>rd::KioskAttachmentsPage</name>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>No USB drive with PDF, JPEG or PNG files. Insert the drive, then press &quot;%1&quot;.</source>
        <translation>Tidak ada flashdisk berisi berkas PDF, JPEG atau PNG. Pasang flashdisk, lalu tekan &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Only files on the USB drive can be attached.</source>
        <translation>Hanya berkas di flashdisk yang dapat dilampirkan.</translation>
    </message>
    <message>
        <source>This file cannot be shown: it may be damaged.</source>
        <translation>Berkas ini tidak dapat ditampilkan: mungkin rusak.</translation>
    </message>
    <message>
        <source>Signed statement letter</source>
        <translation>Surat keterangan yang sudah ditandatangani</translation>
    </message>
    <message>
        <source>%1: not attached yet</source>
        <translation>%1: belum dilampirkan</translation>
    </message>
    <message>
        <source>Attach the scan of the signed statement letter.</source>
        <translation>Lampirkan pindaian surat keterangan yang sudah ditandatangani.</translation>
    </message>
    <message>
        <source>Attach %1: it shows why the official files.</source>
        <translation>Lampirkan %1: dokumen ini menunjukkan alasan pejabat mengajukan.</translation>
    </message>
    <message>
        <source>Attach the signed documents</source>
        <translation>Lampirkan dokumen yang sudah ditandatangani</translation>
    </message>
    <message>
        <source>Insert the USB drive with the scans (PDF, JPEG or PNG, at most 1 MB each). Choose a file, check it in the preview, then say what it is.</source>
        <translation>Pasang flashdisk berisi pindaian (PDF, JPEG atau PNG, masing-masing paling besar 1 MB). Pilih berkas, periksa pratinjaunya, lalu tentukan jenisnya.</translation>
    </message>
    <message>
        <source>Files on the USB drive</source>
        <translation>Berkas di flashdisk</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Cari lagi</translation>
    </message>
    <message>
        <source>Use as the signed letter</source>
        <translation>Pakai sebagai surat yang sudah ditandatangani</translation>
    </message>
    <message>
        <source>Use as %1</source>
        <translation>Pakai sebagai %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Preview of the chosen file</source>
        <translation>Pratinjau berkas yang dipilih</translation>
    </message>
</context>
<context>
    <name>rd::KioskCertificatePage</name>
    <message>
        <source>%1&apos;s certificate, valid from %2 to %3</source>
        <translation>Sertifikat milik %1, berlaku dari %2 sampai %3</translation>
    </message>
    <message>
        <source>Issued by %1</source>
        <translation>Diterbitkan oleh %1</translation>
    </message>
    <message>
        <source>Serial number %1</source>
        <translation>Nomor seri %1</translation>
    </message>
    <message>
        <source>It is not listed, or I do not know which: the operator finds it</source>
        <translation>Tidak ada dalam daftar, atau saya tidak tahu yang mana: operator yang mencarinya</translation>
    </message>
    <message>
        <source>Asking AMS for your certificates…</source>
        <translation>Meminta daftar sertifikat Anda dari AMS…</translation>
    </message>
    <message>
        <source>As AMS lists them, newest first.</source>
        <translation>Sesuai daftar AMS, yang terbaru lebih dulu.</translation>
    </message>
    <message>
        <source>As the office&apos;s register lists them.</source>
        <translation>Sesuai daftar register kantor.</translation>
    </message>
    <message>
        <source>The certificates cannot be listed just now: %1</source>
        <translation>Daftar sertifikat tidak dapat ditampilkan saat ini: %1</translation>
    </message>
    <message>
        <source>AMS lists no active certificate of yours: there is nothing to revoke. Ask the officer at the counter if you think this is wrong.</source>
        <translation>AMS tidak mencantumkan sertifikat aktif milik Anda: tidak ada yang dapat dicabut. Tanyakan kepada petugas di loket jika menurut Anda ini keliru.</translation>
    </message>
    <message>
        <source>Choose the certificate to revoke.</source>
        <translation>Pilih sertifikat yang akan dicabut.</translation>
    </message>
    <message>
        <source>Which certificate is to be revoked?</source>
        <translation>Sertifikat mana yang akan dicabut?</translation>
    </message>
    <message>
        <source>These are the holder&apos;s certificates that are still valid. Choose the one to revoke.</source>
        <translation>Ini sertifikat pemegang yang masih berlaku. Pilih yang akan dicabut.</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Sertifikat</translation>
    </message>
</context>
<context>
    <name>rd::KioskDraftSavedPage</name>
    <message>
        <source>Your request is saved: come back with the signed letter</source>
        <translation>Permohonan Anda tersimpan: kembalilah dengan surat yang sudah ditandatangani</translation>
    </message>
    <message>
        <source>Resume code (also on the letter)</source>
        <translation>Kode lanjutan (juga tercetak pada surat)</translation>
    </message>
    <message>
        <source>Resume code %1</source>
        <translation>Kode lanjutan %1</translation>
    </message>
    <message>
        <source>Sign the letter, and have the holder&apos;s superior sign it.</source>
        <translation>Tanda tangani surat, dan mintalah atasan pemegang menandatanganinya.</translation>
    </message>
    <message>
        <source>Scan it as PDF, JPEG or PNG (at most 1 MB) onto a USB drive.</source>
        <translation>Pindai sebagai PDF, JPEG atau PNG (paling besar 1 MB) ke flashdisk.</translation>
    </message>
    <message>
        <source>Come back to this kiosk, choose &quot;I have a resume code&quot; and attach the scan; or hand the letter and the code to the officer at the counter.</source>
        <translation>Kembali ke kios ini, pilih &quot;Saya punya kode lanjutan&quot; dan lampirkan pindaiannya; atau serahkan surat dan kodenya kepada petugas di loket.</translation>
    </message>
    <message>
        <source>Nothing is filed until then: the request is not in the queue yet.</source>
        <translation>Sampai saat itu belum ada yang diajukan: permohonan belum masuk antrean.</translation>
    </message>
</context>
<context>
    <name>rd::KioskLetterPage</name>
    <message>
        <source>The letter cannot be shown.</source>
        <translation>Surat tidak dapat ditampilkan.</translation>
    </message>
    <message>
        <source>The statement letter as it will print</source>
        <translation>Surat keterangan sebagaimana akan dicetak</translation>
    </message>
    <message>
        <source>Printed. Sign it and have the holder&apos;s superior sign it. Then press &quot;%1&quot; to attach the signed scan now, or &quot;%2&quot; to come back with it.</source>
        <translation>Sudah dicetak. Tanda tangani, dan mintalah atasan pemegang menandatanganinya. Lalu tekan &quot;%1&quot; untuk melampirkan pindaiannya sekarang, atau &quot;%2&quot; untuk kembali membawanya nanti.</translation>
    </message>
    <message>
        <source>The letter cannot be made here: %1</source>
        <translation>Surat tidak dapat dibuat di sini: %1</translation>
    </message>
    <message>
        <source>The statement letter</source>
        <translation>Surat keterangan</translation>
    </message>
    <message>
        <source>The request needs a statement letter signed by the holder (or the official) and the holder&apos;s superior. Here it is, made from what you entered. Print it, or press &quot;%1&quot; if you brought a signed one.</source>
        <translation>Permohonan memerlukan surat keterangan yang ditandatangani pemegang (atau pejabat) dan atasan pemegang. Ini suratnya, dibuat dari isian Anda. Cetaklah, atau tekan &quot;%1&quot; jika Anda membawa surat yang sudah ditandatangani.</translation>
    </message>
    <message>
        <source>Print the letter</source>
        <translation>Cetak surat</translation>
    </message>
    <message>
        <source>Print the statement letter</source>
        <translation>Cetak surat keterangan</translation>
    </message>
    <message>
        <source>Save and continue later</source>
        <translation>Simpan dan lanjutkan nanti</translation>
    </message>
    <message>
        <source>Save the request and continue later with the resume code</source>
        <translation>Simpan permohonan dan lanjutkan nanti dengan kode lanjutan</translation>
    </message>
    <message>
        <source>Your resume code</source>
        <translation>Kode lanjutan Anda</translation>
    </message>
</context>
<context>
    <name>rd::KioskResumePage</name>
    <message>
        <source>The resume code and the NIK do not match a saved request. Check both, or ask the officer at the counter.</source>
        <translation>Kode lanjutan dan NIK tidak cocok dengan permohonan yang tersimpan. Periksa keduanya, atau tanyakan kepada petugas di loket.</translation>
    </message>
    <message>
        <source>The register cannot be read just now. Please try again in a moment, or ask the officer at the counter.</source>
        <translation>Register tidak dapat dibaca saat ini. Silakan coba lagi sebentar lagi, atau tanyakan kepada petugas di loket.</translation>
    </message>
    <message>
        <source>Continue a saved request</source>
        <translation>Lanjutkan permohonan yang tersimpan</translation>
    </message>
    <message>
        <source>Type the resume code printed on the statement letter, and the holder&apos;s NIK. Then attach the scan of the signed letter.</source>
        <translation>Ketik kode lanjutan yang tercetak pada surat keterangan, dan NIK pemegang. Lalu lampirkan pindaian surat yang sudah ditandatangani.</translation>
    </message>
    <message>
        <source>Resume code (e.g. K7PQ-4MX2)</source>
        <translation>Kode lanjutan (mis. K7PQ-4MX2)</translation>
    </message>
    <message>
        <source>Holder&apos;s NIK (16 digits)</source>
        <translation>NIK pemegang (16 digit)</translation>
    </message>
</context>
<context>
    <name>rd::KioskReviewPage</name>
    <message>
        <source>not chosen: the operator finds it</source>
        <translation>tidak dipilih: operator yang mencarinya</translation>
    </message>
    <message>
        <source>serial number %1</source>
        <translation>nomor seri %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <source>%1, %2 (NIP %3), on the holder&apos;s behalf</source>
        <translation>%1, %2 (NIP %3), atas nama pemegang</translation>
    </message>
    <message>
        <source>Relationship to the holder: %1</source>
        <translation>Hubungan dengan pemegang: %1</translation>
    </message>
    <message>
        <source>The holder, in person</source>
        <translation>Pemegang sertifikat sendiri</translation>
    </message>
    <message>
        <source>none: hand the signed letter to the officer</source>
        <translation>tidak ada: serahkan surat yang sudah ditandatangani kepada petugas</translation>
    </message>
    <message>
        <source>the pension decree (SK pensiun)</source>
        <translation>SK pensiun</translation>
    </message>
    <message>
        <source>the dismissal decree (SK pemberhentian)</source>
        <translation>SK pemberhentian</translation>
    </message>
    <message>
        <source>the transfer decree (SK mutasi)</source>
        <translation>SK mutasi</translation>
    </message>
    <message>
        <source>the death certificate</source>
        <translation>surat keterangan kematian</translation>
    </message>
    <message>
        <source>After you file, an operator checks the data and the documents before the certificate is revoked.</source>
        <translation>Setelah Anda mengajukan, operator memeriksa data dan dokumen sebelum sertifikat dicabut.</translation>
    </message>
    <message>
        <source>Have %1 ready for the operator.</source>
        <translation>Siapkan %1 untuk diperiksa petugas.</translation>
    </message>
    <message>
        <source>Tick the statement to file the request.</source>
        <translation>Centang pernyataan untuk mengajukan permohonan.</translation>
    </message>
    <message>
        <source>The request could not be stored just now.</source>
        <translation>Permohonan tidak dapat disimpan saat ini.</translation>
    </message>
    <message>
        <source>The request could not be filed: %1</source>
        <translation>Permohonan tidak dapat diajukan: %1</translation>
    </message>
    <message>
        <source>Nothing you entered is lost: press &quot;%1&quot; to try again, or ask the operator.</source>
        <translation>Data yang Anda isi tidak hilang: tekan &quot;%1&quot; untuk mencoba lagi, atau hubungi petugas.</translation>
    </message>
    <message>
        <source>Check and file the request</source>
        <translation>Periksa dan ajukan permohonan</translation>
    </message>
    <message>
        <source>This is what will be filed. To change something, go back.</source>
        <translation>Data berikut akan diajukan. Untuk mengubahnya, silakan kembali.</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Pemegang</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit kerja</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Sertifikat</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sejak</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation>Diajukan oleh</translation>
    </message>
    <message>
        <source>Outcome to</source>
        <translation>Hasil dikirim ke</translation>
    </message>
    <message>
        <source>E-mail language</source>
        <translation>Bahasa e-mail</translation>
    </message>
    <message>
        <source>I state that the holder stops using this certificate.</source>
        <translation>Saya menyatakan bahwa pemegang berhenti menggunakan sertifikat ini.</translation>
    </message>
</context>
<context>
    <name>rd::KioskWelcomePage</name>
    <message>
        <source>Revoke an electronic certificate</source>
        <translation>Cabut sertifikat elektronik</translation>
    </message>
    <message>
        <source>Here a certificate holder, or an official on the holder&apos;s behalf, asks the office to revoke an electronic certificate issued by BSrE: when the holder retires, dies, is dismissed or moves, when the data on it changed, or when the key may be in someone else&apos;s hands. The office checks the request, revokes the certificate and tells you by e-mail.</source>
        <translation>Di sini pemegang sertifikat, atau pejabat atas nama pemegang, memohon kantor mencabut sertifikat elektronik yang diterbitkan BSrE: saat pemegang purna tugas, meninggal dunia, diberhentikan atau pindah tugas, saat data di dalamnya berubah, atau saat kunci privat mungkin dikuasai orang lain. Kantor memeriksa permohonan, mencabut sertifikat dan memberi tahu Anda melalui e-mail.</translation>
    </message>
    <message>
        <source>What you need</source>
        <translation>Yang perlu Anda siapkan</translation>
    </message>
    <message>
        <source>The holder&apos;s NIK (on the identity card) and the official e-mail address the office has for the holder.</source>
        <translation>NIK pemegang (pada KTP) dan alamat e-mail dinas pemegang yang tercatat di kantor.</translation>
    </message>
    <message>
        <source>When the holder files for themselves: the AMS user name and password, and the phone with the one-time code app.</source>
        <translation>Jika pemegang mengajukan sendiri: nama pengguna dan kata sandi AMS, serta ponsel dengan aplikasi kode sekali pakai.</translation>
    </message>
    <message>
        <source>The statement letter, signed by the holder and the superior, scanned on a USB drive; or print it here and come back with it signed.</source>
        <translation>Surat keterangan yang ditandatangani pemegang dan atasan, dipindai ke flashdisk; atau cetak di sini dan kembali membawanya setelah ditandatangani.</translation>
    </message>
    <message>
        <source>When an official files for a holder who retired, died or was dismissed: the decree (SK) or the death certificate, scanned on the USB drive.</source>
        <translation>Jika pejabat mengajukan untuk pemegang yang purna tugas, meninggal dunia atau diberhentikan: surat keputusan (SK) atau akta kematian, dipindai ke flashdisk.</translation>
    </message>
    <message>
        <source>It takes about five minutes. Files: PDF, JPEG or PNG, at most 1 MB each.</source>
        <translation>Waktunya sekitar lima menit. Berkas: PDF, JPEG atau PNG, masing-masing paling besar 1 MB.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <source>Start a new request</source>
        <translation>Mulai permohonan baru</translation>
    </message>
    <message>
        <source>I have a resume code</source>
        <translation>Saya punya kode lanjutan</translation>
    </message>
    <message>
        <source>Continue a saved request with its resume code</source>
        <translation>Lanjutkan permohonan yang tersimpan dengan kode lanjutannya</translation>
    </message>
</context>
<context>
    <name>rd::KioskWindow</name>
    <message>
        <source>Leave the kiosk</source>
        <translation>Keluar dari kios</translation>
    </message>
    <message>
        <source>Operator&apos;s PIN</source>
        <translation>PIN operator</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN salah.</translation>
    </message>
    <message numerus="yes">
        <source>Are you still there? The kiosk starts again in %n second(s) and clears everything entered. Touch the screen or press a key to continue.</source>
        <translation>
            <numerusform>Masih di sana? Kios mulai ulang dalam %n detik dan menghapus semua isian. Sentuh layar atau tekan tombol untuk melanjutkan.</numerusform>
        </translation>
    </message>
</context>
</TS>
