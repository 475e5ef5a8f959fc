#include "cli/HolderCommands.h"

#include "cli/CliContext.h"
#include "cli/NumberOption.h"
#include "cli/TerminalText.h"
#include "register/HolderRepository.h"

#include <QJsonArray>
#include <QJsonObject>

namespace rd::cli {

namespace {

QJsonObject holderJson(const Holder &holder)
{
    return QJsonObject {{QStringLiteral("id"), holder.id},
                        {QStringLiteral("nik"), holder.nik},
                        {QStringLiteral("nip"), holder.nip.isEmpty() ? QJsonValue() : holder.nip},
                        {QStringLiteral("full_name"), holder.fullName},
                        {QStringLiteral("email"), holder.email},
                        {QStringLiteral("phone"), holder.phone},
                        {QStringLiteral("unit"), holder.unit},
                        {QStringLiteral("position"), holder.position},
                        {QStringLiteral("employment_status"), holder.employmentStatus},
                        {QStringLiteral("ams_username"), holder.amsUsername}};
}

int list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption search(QStringLiteral("search"),
                                    HolderCommands::tr("NIK or NIP prefix, or part of the name."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption limit(QStringLiteral("limit"), HolderCommands::tr("At most N rows."),
                                   QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption offset(QStringLiteral("offset"),
                                    HolderCommands::tr("Skip the first N rows."),
                                    QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({search, limit, offset});
    if (int done
        = context.parse(parser, QStringLiteral("holders list"),
                        HolderCommands::tr("List certificate holders by name."), arguments);
        done >= 0)
        return done;
    int limitValue = 0;
    int offsetValue = 0;
    if (int bad = NumberOption::read(context, QStringLiteral("--limit"), parser.value(limit), 0,
                                     int(NumberOption::MaximumRows), &limitValue);
        bad >= 0)
        return bad;
    if (int bad = NumberOption::read(context, QStringLiteral("--offset"), parser.value(offset), 0,
                                     int(NumberOption::MaximumOffset), &offsetValue);
        bad >= 0)
        return bad;
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    HolderRepository holders(*database);
    auto rows = holders.list(parser.value(search), limitValue, offsetValue);
    if (!rows)
        return context.fail(rows.error());
    if (context.json()) {
        QJsonArray array;
        for (const Holder &holder : *rows)
            array.append(holderJson(holder));
        context.printJson(array);
        return ExitOk;
    }
    for (const Holder &holder : *rows) {
        context.out() << TerminalText::safe(
            QStringLiteral("%1  %2  %3  %4  %5")
                .arg(holder.nik,
                     holder.nip.isEmpty() ? QStringLiteral("-").leftJustified(18) : holder.nip)
                .arg(holder.fullName, holder.unit, holder.employmentStatus))
                      << Qt::endl;
    }
    return ExitOk;
}

int show(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("NIK"), HolderCommands::tr("The holder's NIK."));
    if (int done = context.parse(parser, QStringLiteral("holders show"),
                                 HolderCommands::tr("Show one holder with their terms of office."),
                                 arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(HolderCommands::tr("holders show takes one NIK."));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    HolderRepository holders(*database);
    auto holder = holders.findByNik(parser.positionalArguments().constFirst());
    if (!holder)
        return context.fail(holder.error());
    auto tenures = holders.tenures(holder->id);
    if (!tenures)
        return context.fail(tenures.error());
    if (context.json()) {
        QJsonObject json = holderJson(*holder);
        QJsonArray terms;
        for (const Tenure &tenure : *tenures) {
            terms.append(QJsonObject {
                {QStringLiteral("position"), tenure.position},
                {QStringLiteral("unit"), tenure.unit},
                {QStringLiteral("start_date"), tenure.startDate.toString(Qt::ISODate)},
                {QStringLiteral("end_date"),
                 tenure.endDate.isValid() ? QJsonValue(tenure.endDate.toString(Qt::ISODate))
                                          : QJsonValue()},
                {QStringLiteral("decree_number"), tenure.decreeNumber},
                {QStringLiteral("source"), tenure.source}});
        }
        json.insert(QStringLiteral("tenures"), terms);
        context.printJson(json);
        return ExitOk;
    }
    QTextStream &out = context.out();
    out << TerminalText::safe(holder->fullName) << Qt::endl;
    out << HolderCommands::tr("NIK: %1  NIP: %2").arg(holder->nik, holder->nip) << Qt::endl;
    out << TerminalText::safe(
        HolderCommands::tr("Unit: %1, %2").arg(holder->unit, holder->position))
        << Qt::endl;
    out << TerminalText::safe(
        HolderCommands::tr("E-mail: %1  AMS user name: %2").arg(holder->email, holder->amsUsername))
        << Qt::endl;
    out << HolderCommands::tr("Employment status: %1").arg(holder->employmentStatus) << Qt::endl;
    out << HolderCommands::tr("Terms of office:") << Qt::endl;
    for (const Tenure &tenure : *tenures) {
        out << TerminalText::safe(QStringLiteral("  %1 .. %2  %3, %4  %5")
                                      .arg(tenure.startDate.toString(Qt::ISODate),
                                           tenure.endDate.isValid()
                                               ? tenure.endDate.toString(Qt::ISODate)
                                               : HolderCommands::tr("now"),
                                           tenure.position, tenure.unit, tenure.decreeNumber))
            << Qt::endl;
    }
    return ExitOk;
}

} // namespace

QStringList HolderCommands::verbs()
{
    return {QStringLiteral("list"), QStringLiteral("show")};
}

QString HolderCommands::summary()
{
    return tr("The register of certificate holders and their terms of office.");
}

int HolderCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("list"))
        return list(context, arguments);
    return show(context, arguments);
}

} // namespace rd::cli
