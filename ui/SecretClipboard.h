#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

class QMimeData;

// Copies text to the system clipboard. Secret copies are marked so clipboard managers and
// history do not keep them (DESIGN §3 rule 8) and are cleared after a while if still ours; only
// a SHA-256 digest of the copy is kept to recognise it.
class SecretClipboard final : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultClearSeconds = 30;

    explicit SecretClipboard(QObject* parent = nullptr);
    ~SecretClipboard() override; // clears the clipboard if it still holds our secret copy

    void setClearAfterSeconds(int seconds);
    [[nodiscard]] int clearAfterSeconds() const { return m_clearSeconds; }

    void copySecret(const QString& text);
    // Text that is not secret (a reference ID): copied as is, never cleared.
    void copyPlain(const QString& text);

    // True while the clipboard still holds the last secret copy.
    [[nodiscard]] bool holdsSecretCopy() const;
    void clearIfOurs();

    // The marked mime data for text, as placed on the clipboard.
    [[nodiscard]] static QMimeData* secretMimeData(const QString& text);

signals:
    void cleared();

private:
    static QByteArray digestOf(const QString& text);

    QTimer m_timer;
    QByteArray m_digest;
    int m_clearSeconds = DefaultClearSeconds;
};
