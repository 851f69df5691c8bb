#pragma once

#include "FormDialog.h"

class QSpinBox;
class Settings;

// Preferences: how long the vault may stay unlocked without input.
class PreferencesDialog final : public FormDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(Settings& settings, QWidget* parent = nullptr);

protected:
    [[nodiscard]] bool canSubmit() const override { return true; }
    void submit() override;
    void setInputsEnabled(bool enabled) override;

private:
    Settings& m_settings;
    QSpinBox* m_autoLock;
};
