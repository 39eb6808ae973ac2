#pragma once

#include <QString>
#include <QStringView>

namespace Ui {

// Recognises statements that destroy data, for the production confirmation: DROP, TRUNCATE, and DELETE or
// UPDATE without a WHERE clause. Comments, strings and quoted identifiers are ignored, so
// `DELETE FROM t -- WHERE id = 1` is caught and `UPDATE t SET note = 'where'` too.
class StatementGuard
{
public:
    // A short reason ("DROP", "DELETE without WHERE", …), or an empty string for a harmless statement.
    static QString destructiveReason(QStringView statement);
};

} // namespace Ui
