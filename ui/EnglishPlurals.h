#pragma once

#include <QTranslator>

// The source language's plural forms: "%n secret(s)" reads "1 secret" / "3 secrets" without an
// English .ts file. Installed before any real translation, which then takes precedence.
class EnglishPlurals final : public QTranslator {
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    [[nodiscard]] bool isEmpty() const override { return false; }
    [[nodiscard]] QString translate(const char* context, const char* sourceText,
                                    const char* disambiguation = nullptr,
                                    int n = -1) const override;
};
