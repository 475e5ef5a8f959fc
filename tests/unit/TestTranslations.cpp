// The translations stay complete: every message of the Indonesian .ts is translated (not left
// unfinished, empty or a copy of the English), keeps the source's placeholders and accelerators,
// and every plural message of the English .ts has its singular and plural form. Run
// `cmake --build build --target update_translations` after changing a tr() text, then translate
// what it added.
//
// The .ts files are read as they are in the source tree; the test links no translation library,
// so the compiled .qm is not loaded here.
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>

namespace {

const QString IndonesianTs
    = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../translations/revocation-desk_id.ts");
const QString EnglishTs
    = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../translations/revocation-desk_en.ts");

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    QString type; // the translation's type attribute: "unfinished", "vanished", ... or empty
    QStringList forms; // the translation, or each of its numerus forms
    qint64 line = 0;

    // Where a failure points: the file's line and the message itself.
    QString where() const
    {
        QString text = source;
        text.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        return QStringLiteral("line %1, %2: \"%3\"").arg(line).arg(context, text);
    }
    bool obsolete() const { return type == u"vanished" || type == u"obsolete"; }
};

// Texts that are rightly the same in Indonesian and English. Keep this short: anything with a
// word in it is translated.
const QSet<QString> &sameInBothLanguages()
{
    static const QSet<QString> texts {
        // The identity numbers' own names (Nomor Induk Kependudukan / Nomor Induk Pegawai).
        QStringLiteral("NIK"),
        QStringLiteral("NIK:"),
        QStringLiteral("NIK: %1  NIP: %2"),
        QStringLiteral("%1, NIP %2"),
        QStringLiteral("%1\nNIK %2\n%3"),
        // revocation-desk --help: the value name of --database and the values of --language.
        QStringLiteral("URL"),
        QStringLiteral("id|en"),
        // Keyboard shortcuts (QKeySequence's portable text).
        QStringLiteral("Ctrl+Q"),
        // Qt's own OK button (context QPlatformTheme): "OK" is what Indonesian dialogs say too.
        QStringLiteral("OK"),
        QStringLiteral("Ctrl+F"),
        QStringLiteral("Ctrl+I"),
        QStringLiteral("F5"),
    };
    return texts;
}

// A source with nothing but placeholders and punctuation ("%1, %2", "%1 → %2") is a format.
bool isFormatOnly(const QString &source)
{
    static const QRegularExpression placeholder(QStringLiteral("%L?[0-9n]+"));
    QString rest = source;
    rest.remove(placeholder);
    return std::none_of(rest.cbegin(), rest.cend(), [](QChar c) { return c.isLetter(); });
}

// %1 ... %9 and %n, with their L (locale) prefix.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression placeholder(QStringLiteral("%L?[1-9n]"));
    QStringList found;
    for (const QRegularExpressionMatch &match : placeholder.globalMatch(text))
        found << match.captured();
    found.removeDuplicates();
    found.sort();
    return found;
}

// The mnemonic letters (&File → F); "&&" is a literal ampersand. Rich text has none.
int mnemonicCount(const QString &text)
{
    if (text.contains(QLatin1Char('<')))
        return 0;
    static const QRegularExpression mnemonic(QStringLiteral("&[^&\\s]"));
    QString rest = text;
    rest.remove(QStringLiteral("&&"));
    int count = 0;
    for (auto it = mnemonic.globalMatch(rest); it.hasNext(); it.next())
        ++count;
    return count;
}

QStringList readTranslation(QXmlStreamReader &xml, bool numerus)
{
    QStringList forms;
    if (!numerus) {
        forms << xml.readElementText(QXmlStreamReader::IncludeChildElements);
        return forms;
    }
    while (xml.readNextStartElement()) {
        if (xml.name() == u"numerusform")
            forms << xml.readElementText(QXmlStreamReader::IncludeChildElements);
        else
            xml.skipCurrentElement();
    }
    return forms;
}

Message readMessage(QXmlStreamReader &xml, const QString &context)
{
    Message message;
    message.context = context;
    message.numerus = xml.attributes().value(QStringLiteral("numerus")) == u"yes";
    message.line = xml.lineNumber();
    while (xml.readNextStartElement()) {
        if (xml.name() == u"source") {
            message.source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            message.type = xml.attributes().value(QStringLiteral("type")).toString();
            message.forms = readTranslation(xml, message.numerus);
        } else {
            xml.skipCurrentElement(); // comment, extracomment, location, ...
        }
    }
    return message;
}

// Every message of a .ts file, or an error naming the file and the line.
QList<Message> readTs(const QString &path, QString *error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return {};
    }
    QXmlStreamReader xml(&file);
    if (xml.readNextStartElement()) {
        if (xml.name() != u"TS")
            xml.raiseError(QStringLiteral("the root element is not <TS>"));
        while (xml.readNextStartElement()) {
            if (xml.name() != u"context") {
                xml.skipCurrentElement();
                continue;
            }
            QString context;
            while (xml.readNextStartElement()) {
                if (xml.name() == u"name")
                    context = xml.readElementText();
                else if (xml.name() == u"message")
                    messages << readMessage(xml, context);
                else
                    xml.skipCurrentElement();
            }
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
        return {};
    }
    return messages;
}

QString listed(const QStringList &placeholders)
{
    return placeholders.isEmpty() ? QStringLiteral("none") : placeholders.join(u' ');
}

QString report(const QString &what, const QStringList &problems)
{
    return QStringLiteral("%1 (%2):\n  %3")
        .arg(what)
        .arg(problems.size())
        .arg(problems.join(QStringLiteral("\n  ")));
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void indonesianIsComplete();
    void indonesianKeepsPlaceholders();
    void indonesianKeepsAccelerators();
    void englishPluralsHaveBothForms();
    void bothFilesHoldTheSameMessages();

private:
    QList<Message> m_indonesian;
    QList<Message> m_english;
};

void TestTranslations::initTestCase()
{
    QString error;
    m_indonesian = readTs(IndonesianTs, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_english = readTs(EnglishTs, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(!m_indonesian.isEmpty(), qPrintable(IndonesianTs + QStringLiteral(" is empty")));
    QVERIFY2(!m_english.isEmpty(), qPrintable(EnglishTs + QStringLiteral(" is empty")));
}

void TestTranslations::indonesianIsComplete()
{
    QStringList problems;
    for (const Message &message : std::as_const(m_indonesian)) {
        if (message.obsolete())
            continue;
        if (message.type == u"unfinished") {
            problems << QStringLiteral("unfinished: ") + message.where();
            continue;
        }
        if (message.forms.isEmpty()
            || std::any_of(message.forms.cbegin(), message.forms.cend(),
                           [](const QString &form) { return form.trimmed().isEmpty(); })) {
            problems << QStringLiteral("empty: ") + message.where();
            continue;
        }
        const bool mayStay
            = sameInBothLanguages().contains(message.source) || isFormatOnly(message.source);
        if (!mayStay && message.forms.contains(message.source))
            problems << QStringLiteral("same as the English: ") + message.where();
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(report(QStringLiteral("Untranslated messages in revocation-desk_id.ts"),
                               problems)));
}

void TestTranslations::indonesianKeepsPlaceholders()
{
    QStringList problems;
    for (const Message &message : std::as_const(m_indonesian)) {
        if (message.obsolete() || message.type == u"unfinished")
            continue;
        const QStringList expected = placeholders(message.source);
        for (const QString &form : message.forms) {
            const QStringList found = placeholders(form);
            if (found != expected) {
                problems << QStringLiteral("%1 has %2 instead of %3")
                                .arg(message.where(), listed(found), listed(expected));
            }
        }
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(report(QStringLiteral("Placeholders lost or added"), problems)));
}

void TestTranslations::indonesianKeepsAccelerators()
{
    QStringList problems;
    for (const Message &message : std::as_const(m_indonesian)) {
        if (message.obsolete() || message.type == u"unfinished")
            continue;
        const int expected = mnemonicCount(message.source);
        for (const QString &form : message.forms) {
            if (mnemonicCount(form) != expected)
                problems << QStringLiteral("needs %1 '&': ").arg(expected) + message.where();
        }
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(report(QStringLiteral("Keyboard accelerators lost or added"), problems)));
}

void TestTranslations::englishPluralsHaveBothForms()
{
    QStringList problems;
    int plurals = 0;
    for (const Message &message : std::as_const(m_english)) {
        if (!message.numerus || message.obsolete())
            continue;
        ++plurals;
        if (message.type == u"unfinished")
            problems << QStringLiteral("unfinished: ") + message.where();
        if (message.forms.size() != 2
            || std::any_of(message.forms.cbegin(), message.forms.cend(),
                           [](const QString &form) { return form.trimmed().isEmpty(); })) {
            problems << QStringLiteral("needs a singular and a plural form: ") + message.where();
            continue;
        }
        const QStringList expected = placeholders(message.source);
        for (const QString &form : message.forms) {
            if (placeholders(form) != expected)
                problems << QStringLiteral("placeholders differ in \"%1\": ").arg(form)
                        + message.where();
        }
    }
    QVERIFY2(plurals > 0, "revocation-desk_en.ts has no plural message at all");
    QVERIFY2(
        problems.isEmpty(),
        qPrintable(report(QStringLiteral("Plural messages in revocation-desk_en.ts"), problems)));
}

void TestTranslations::bothFilesHoldTheSameMessages()
{
    // lupdate writes both files at once; one updated without the other shows here.
    auto keys = [](const QList<Message> &messages) {
        QSet<QString> set;
        for (const Message &message : messages) {
            if (!message.obsolete())
                set.insert(message.context + u'\x1f' + message.source);
        }
        return set;
    };
    const QSet<QString> indonesian = keys(m_indonesian);
    const QSet<QString> english = keys(m_english);
    QStringList problems;
    for (const QString &key : indonesian - english)
        problems << QStringLiteral("only in revocation-desk_id.ts: ")
                + QString(key).replace(u'\x1f', QStringLiteral(": "));
    for (const QString &key : english - indonesian)
        problems << QStringLiteral("only in revocation-desk_en.ts: ")
                + QString(key).replace(u'\x1f', QStringLiteral(": "));
    problems.sort();
    QVERIFY2(problems.isEmpty(),
             qPrintable(report(QStringLiteral("The .ts files differ; run update_translations"),
                               problems)));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
