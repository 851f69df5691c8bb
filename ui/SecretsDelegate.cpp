#include "SecretsDelegate.h"

#include "SecretsTableModel.h"
#include "Theme.h"

#include <QDateTime>
#include <QLocale>

QString SecretsDelegate::displayText(const QVariant& value, const QLocale& locale) const
{
    if (value.metaType().id() == QMetaType::QDateTime)
        return locale.toString(value.toDateTime().toLocalTime(), QLocale::ShortFormat);
    return QStyledItemDelegate::displayText(value, locale);
}

void SecretsDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    switch (index.column()) {
    case SecretsTableModel::ReferenceIdColumn: {
        QFont mono = Theme::monospaceFont();
        mono.setPointSizeF(option->font.pointSizeF() > 0 ? option->font.pointSizeF() * 0.95
                                                         : mono.pointSizeF());
        option->font = mono;
        option->fontMetrics = QFontMetrics(mono);
        break;
    }
    case SecretsTableModel::ValueColumn:
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        break;
    default:
        break;
    }
    if (index.data(SecretsTableModel::DamagedRole).toBool())
        option->palette.setColor(QPalette::Text, Theme::errorColor(option->palette));
}
