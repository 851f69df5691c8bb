#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

// Help > About: the app's icon, name, version and purpose, its licence and copyright, the
// libraries' licences, and the Qt and OpenSSL versions it runs with (and was built with, when they
// differ), in a text a user can select by mouse or keyboard and copy into a bug report. Close is
// the default button (also Escape).
class AboutDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // "Version 0.1.0", "Qt 6.4.2", "OpenSSL 3.0.11 19 Sep 2023": one line each.
    [[nodiscard]] static QString versionsText();

    [[nodiscard]] QLabel* versionsLabel() const { return m_versions; }
    [[nodiscard]] QPushButton* closeButton() const { return m_close; }

private:
    QLabel* m_versions;
    QPushButton* m_close;
};
