#pragma once

#include "core/Error.h"
#include "database/Database.h"
#include "documents/PaperContent.h"
#include "requests/RevocationRequest.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <optional>

namespace rd {

// What `report check` found for a code.
struct PaperCheck
{
    bool matches = false;
    std::optional<PaperKind> kind; // the paper the code belongs to, when it matches
    QString agendaNumber;
};

// Gathers what each paper of a request says from the record (the request, the register, the
// step results, the attachments, the accounts) into a PaperContent. The same record gives the
// same content, hence the same code on the page.
class PaperComposer
{
    Q_DECLARE_TR_FUNCTIONS(PaperComposer)

public:
    explicit PaperComposer(DatabasePtr database);

    Result<PaperContent> compose(PaperKind kind, const QString &agendaOrId) const;
    // The paper of a request as given, stored or not yet (the kiosk's letter before filing).
    Result<PaperContent> compose(PaperKind kind, const RevocationRequestRecord &request) const;
    // Whether `code` (PaperContent::parseCode) is the code of one of the request's papers as
    // the record stands now. A paper that cannot be made yet (no verification) never matches.
    Result<PaperCheck> check(const QString &agendaOrId, const QString &code) const;

private:
    QString personName(const QString &actorOrUsername) const;

    DatabasePtr m_database;
};

} // namespace rd
