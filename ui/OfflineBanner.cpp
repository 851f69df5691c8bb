#include "OfflineBanner.h"

#include "Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

OfflineBanner::OfflineBanner(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(tr("Offline — showing the last synced copy (read-only)"), this))
    , m_reason(new QLabel(this))
    , m_retry(new QPushButton(Theme::icon(u"refresh"), tr("&Retry"), this))
{
    setObjectName(u"offlineBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_icon->setPixmap(Theme::icon(u"offline").pixmap(QSize(20, 20)));
    m_icon->setAlignment(Qt::AlignTop);
    m_title->setObjectName(u"offlineTitle"_s);
    QFont bold = m_title->font();
    bold.setWeight(QFont::DemiBold);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_reason->setObjectName(u"offlineReason"_s);
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(u"retryButton"_s);
    m_retry->setAccessibleName(tr("Retry connecting"));
    m_retry->setToolTip(tr("Try to reach the server again"));
    m_retry->setAutoDefault(true); // Enter activates it when focused, as Space does

    auto* texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_title);
    texts->addWidget(m_reason);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(m_retry, 0, Qt::AlignVCenter);
    connect(m_retry, &QPushButton::clicked, this, &OfflineBanner::retryRequested);
    applyColors();
}

void OfflineBanner::setReason(const QString& reason)
{
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

void OfflineBanner::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange)
        applyColors();
}

void OfflineBanner::applyColors()
{
    // A quiet amber tint of the window colour, readable in light and dark palettes.
    QPalette p = QPalette(parentWidget() ? parentWidget()->palette() : palette());
    const QColor window = p.color(QPalette::Window);
    const QColor amber(0xe8, 0xa3, 0x17);
    const qreal a = Theme::isDark(p) ? 0.18 : 0.16;
    p.setColor(QPalette::Window, QColor::fromRgbF(window.redF() * (1 - a) + amber.redF() * a,
                                                  window.greenF() * (1 - a) + amber.greenF() * a,
                                                  window.blueF() * (1 - a) + amber.blueF() * a));
    setPalette(p);
}
