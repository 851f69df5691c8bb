#pragma once

#include <QStyledItemDelegate>

// Draws the secrets table: dates in the user's locale, the reference ID in a monospace font, the
// fixed value mask muted, and a damaged row with a warning colour.
class SecretsDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    [[nodiscard]] QString displayText(const QVariant& value, const QLocale& locale) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
