#pragma once

#include <QLabel>

// A message under a form field or above a dialog's buttons: an error, a quiet hint or a
// confirmation. Hidden while empty; errors are announced to assistive technology.
class FormMessage final : public QLabel {
    Q_OBJECT
public:
    enum class Kind { Hint, Error, Success };

    explicit FormMessage(QWidget* parent = nullptr);

    void showMessage(const QString& text, Kind kind = Kind::Error);
    void clearMessage();
    [[nodiscard]] Kind kind() const { return m_kind; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColor();
    void growWindowToFit();

    Kind m_kind = Kind::Error;
};
