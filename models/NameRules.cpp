#include "NameRules.h"

#include <QCoreApplication>

namespace NameRules {

QString clean(const QString& name)
{
    return name.trimmed().normalized(QString::NormalizationForm_C);
}

QString uniquenessKey(const QString& name)
{
    return clean(name).toCaseFolded();
}

QString problem(const QString& name)
{
    const QString cleaned = clean(name);
    if (cleaned.isEmpty())
        return QCoreApplication::translate("NameRules", "Enter a name.");
    // Count code points, not UTF-16 units.
    if (cleaned.toUcs4().size() > MaxLength)
        return QCoreApplication::translate("NameRules", "The name is longer than %1 characters.")
            .arg(MaxLength);
    for (const char32_t c : cleaned.toUcs4()) {
        const auto category = QChar::category(c);
        if (category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph)
            return QCoreApplication::translate(
                "NameRules",
                "The name contains a control character (such as a tab or line break).");
    }
    return {};
}

} // namespace NameRules
