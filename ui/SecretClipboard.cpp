#include "SecretClipboard.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
const QString KdeHint = u"x-kde-passwordManagerHint"_s;
} // namespace

SecretClipboard::SecretClipboard(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SecretClipboard::clearIfOurs);
}

SecretClipboard::~SecretClipboard()
{
    clearIfOurs();
}

void SecretClipboard::setClearAfterSeconds(int seconds)
{
    m_clearSeconds = std::max(1, seconds);
}

QMimeData* SecretClipboard::secretMimeData(const QString& text)
{
    auto* mime = new QMimeData;
    mime->setText(text);
    mime->setData(KdeHint, QByteArrayLiteral("secret"));
#if defined(Q_OS_MACOS)
    mime->setData(u"application/x-nspasteboard-concealed-type"_s, QByteArrayLiteral("secret"));
#elif defined(Q_OS_WIN)
    mime->setData(u"ExcludeClipboardContentFromMonitorProcessing"_s, QByteArrayLiteral("1"));
    mime->setData(u"CanIncludeInClipboardHistory"_s, QByteArray(4, '\0'));
    mime->setData(u"CanUploadToCloudClipboard"_s, QByteArray(4, '\0'));
#endif
    return mime;
}

QByteArray SecretClipboard::digestOf(const QString& text)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView(reinterpret_cast<const char*>(text.constData()),
                                text.size() * qsizetype(sizeof(QChar))));
    return hash.result();
}

void SecretClipboard::copySecret(const QString& text)
{
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setMimeData(secretMimeData(text));
    m_digest = digestOf(text);
    m_timer.start(std::chrono::seconds(m_clearSeconds));
}

void SecretClipboard::copyPlain(const QString& text)
{
    QGuiApplication::clipboard()->setText(text);
}

bool SecretClipboard::holdsSecretCopy() const
{
    if (m_digest.isEmpty() || !qGuiApp)
        return false;
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    return mime && mime->hasFormat(KdeHint) && digestOf(mime->text()) == m_digest;
}

void SecretClipboard::clearIfOurs()
{
    m_timer.stop();
    if (holdsSecretCopy()) {
        QGuiApplication::clipboard()->clear();
        emit cleared();
    }
    m_digest.clear();
}
