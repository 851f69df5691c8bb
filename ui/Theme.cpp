#include "Theme.h"

#include <QApplication>
#include <QBuffer>
#include <QFile>
#include <QFont>
#include <QFontDatabase>
#include <QHash>
#include <QIconEngine>
#include <QImageReader>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    // Fields are lighter than the window: Fusion outlines them in a darker window colour, which
    // vanished against a darker field (text fields and check boxes had no visible edge).
    const QColor base(0x38, 0x3b, 0x40);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor disabledText(0x80, 0x84, 0x8a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x3e, 0x41, 0x46));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x40, 0x43));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4d));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1c));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x9d, 0x7e));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x5e, 0xd3, 0xb0));
    p.setColor(QPalette::LinkVisited, QColor(0x4f, 0xb8, 0x9a));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3c, 0x40, 0x43));
    return p;
}

QPalette lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
    QPalette p = fusion->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x12, 0x8a, 0x72));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x0e, 0x6e, 0x5b));
    return p;
}

// share of `top` over `bottom`, as if `top` were painted with that opacity.
QColor mix(const QColor& top, const QColor& bottom, qreal share)
{
    return QColor::fromRgbF(top.redF() * share + bottom.redF() * (1 - share),
                            top.greenF() * share + bottom.greenF() * (1 - share),
                            top.blueF() * share + bottom.blueF() * (1 - share));
}

QImage renderSvg(const QByteArray& svg, const QSize& size)
{
    QByteArray data = svg; // QBuffer needs a non-const array; the copy shares the bytes
    QBuffer buffer(&data);
    QImageReader reader(&buffer, "svg");
    reader.setScaledSize(size);
    return reader.read();
}

// Renders the SVG at exactly the device pixels asked for, at any size and scale: an icon at
// 200 % is drawn from the vector at twice the size, never enlarged from a smaller bitmap.
class SvgIconEngine final : public QIconEngine {
public:
    // selectedSvg, when given, is drawn for QIcon::Selected (an item on the selection colour).
    explicit SvgIconEngine(QByteArray svg, QByteArray selectedSvg = {})
        : m_svg(std::move(svg))
        , m_selectedSvg(std::move(selectedSvg))
    {
    }

    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override
    {
        const int side = qMin(size.width(), size.height()); // the icons are square
        return {side, side};
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // size is in device pixels (QIcon::pixmap multiplies by the scale before it asks).
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        Q_UNUSED(scale); // size already holds it
        const QSize side = actualSize(size, mode, state);
        if (side.isEmpty())
            return {};
        const qint64 cacheKey = (qint64(side.width()) << 8) | int(mode);
        if (const auto it = m_cache.constFind(cacheKey); it != m_cache.constEnd())
            return *it;
        const bool ownSelected = mode == QIcon::Selected && !m_selectedSvg.isEmpty();
        QPixmap pixmap = QPixmap::fromImage(renderSvg(ownSelected ? m_selectedSvg : m_svg, side));
        if (pixmap.isNull())
            return {};
        if (mode != QIcon::Normal && !ownSelected) {
            QStyleOption option;
            option.palette = QApplication::palette();
            const QPixmap generated =
                QApplication::style()->generatedIconPixmap(mode, pixmap, &option);
            if (!generated.isNull())
                pixmap = generated;
        }
        m_cache.insert(cacheKey, pixmap);
        return pixmap;
    }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal scale = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
        QPixmap shown = scaledPixmap(rect.size() * scale, mode, state, scale);
        shown.setDevicePixelRatio(scale);
        const QSize logical = (QSizeF(shown.size()) / scale).toSize();
        painter->drawPixmap(QRect(rect.topLeft()
                                      + QPoint((rect.width() - logical.width()) / 2,
                                               (rect.height() - logical.height()) / 2),
                                  logical),
                            shown);
    }

    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        return {{16, 16}, {20, 20}, {24, 24}, {32, 32}, {48, 48}, {64, 64}};
    }

    QString key() const override { return u"MintSvgIconEngine"_s; }
    QIconEngine* clone() const override { return new SvgIconEngine(*this); }
    bool isNull() override { return m_svg.isEmpty(); }

private:
    QByteArray m_svg;
    QByteArray m_selectedSvg;
    QHash<qint64, QPixmap> m_cache; // by side in device pixels and mode
};

QIcon renderIcon(QStringView name, const QColor& color)
{
    QFile file(u":/icons/%1.svg"_s.arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    QByteArray selected; // a tinted icon on a selected row takes the selection's text colour
    if (color.isValid() && svg.contains("currentColor")) {
        const QColor onSelection = QApplication::palette().color(QPalette::HighlightedText);
        selected =
            QByteArray(svg).replace("currentColor", onSelection.name(QColor::HexRgb).toLatin1());
        svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    }
    if (renderSvg(svg, QSize(16, 16)).isNull())
        return {}; // no SVG image plugin
    return QIcon(new SvgIconEngine(std::move(svg), std::move(selected)));
}

} // namespace

void Theme::apply(QApplication& app, Scheme scheme)
{
    // A label measures its text shaped as one run, but draws a mnemonic's letter as a run of its
    // own: with kerning, a kerned pair around it ("T&okenadresse", "&Tegnsett") came out up to
    // 2 px wider than measured and its last letter was clipped. Without kerning both agree.
    QFont font = QApplication::font();
    font.setKerning(false);
    QApplication::setFont(font);
    if (scheme == Scheme::System) {
        // The platform's style and palette. Qt falls back to its oldest style, "Windows", when
        // the style a platform theme asks for is not installed: Fusion (with the system's
        // palette) is the better fallback.
        const QString style = QApplication::style() ? QApplication::style()->name() : QString();
        const bool chosen =
            qEnvironmentVariable("QT_STYLE_OVERRIDE").compare(style, Qt::CaseInsensitive) == 0;
        if (isFallbackStyle(style) && !chosen)
            QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        return;
    }
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    app.setPalette(scheme == Scheme::Dark ? darkPalette() : lightPalette());
}

bool Theme::isFallbackStyle(const QString& styleName)
{
    return styleName.isEmpty() || styleName.compare(u"windows"_s, Qt::CaseInsensitive) == 0;
}

bool Theme::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor Theme::errorColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

QColor Theme::successColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x7d, 0xdc, 0xb5) : QColor(0x1b, 0x6e, 0x3c);
}

QColor Theme::accentColor(const QPalette& palette)
{
    const QColor highlight = palette.color(QPalette::Highlight);
    return isDark(palette) ? highlight.lighter(135) : highlight;
}

QColor Theme::mutedColor(const QPalette& palette)
{
    return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 1.0 / 3);
}

QIcon Theme::icon(QStringView name, const QColor& color)
{
    QColor tint = color.isValid() ? color : QApplication::palette().color(QPalette::Text);
    if (tint.alpha() < 255) // SVG colours are opaque: blend into the window background
        tint = mix(tint, QApplication::palette().color(QPalette::Window), tint.alphaF());
    static QHash<QString, QIcon> cache;
    const QString key = name.toString() + u'/' + tint.name();
    auto it = cache.constFind(key);
    if (it == cache.constEnd())
        it = cache.insert(key, renderIcon(name, tint));
    return *it;
}

QIcon Theme::appIcon()
{
    return icon(u"mint-config", QColor());
}

QColor Theme::secondaryTextColor(const QPalette& palette)
{
    return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.6);
}

QFont Theme::headingFont(const QFont& base, qreal scale)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    else
        font.setPixelSize(qRound(font.pixelSize() * scale));
    font.setWeight(QFont::DemiBold);
    return font;
}

QFont Theme::monospaceFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

namespace {
// A disabled coloured button as a plain one with muted text: still readable (about 4:1), where
// midlight on mid was about 1.3:1 in the dark palette.
QString disabledButtonRule(const QPalette& palette)
{
    return u"QPushButton:disabled { background: %1; color: %2; border: 1px solid %3; }"_s.arg(
        palette.color(QPalette::Button).name(), Theme::mutedColor(palette).name(),
        palette.color(QPalette::Mid).name());
}
} // namespace

void Theme::makePrimary(QPushButton* button)
{
    button->setProperty("mintRole", u"primary"_s);
    button->setStyleSheet(
        u"QPushButton { background: palette(highlight); color: palette(highlighted-text);"
        " border: 1px solid palette(highlight); border-radius: 4px; padding: 3px 14px;"
        " font-weight: 600; }"
        "QPushButton:hover { background: palette(link); border-color: palette(link); }"
        "QPushButton:focus { border: 1px solid palette(highlighted-text); }"_s
        + disabledButtonRule(QApplication::palette(button)));
}

void Theme::makeDestructive(QPushButton* button)
{
    button->setProperty("mintRole", u"destructive"_s);
    // Not the button's own palette: a style sheet set before (makePrimary) has recoloured it.
    const QPalette palette = QApplication::palette(button);
    const QColor red = errorColor(palette);
    const bool dark = isDark(palette);
    button->setStyleSheet(
        u"QPushButton { background: %1; color: %2; border: 1px solid %1; border-radius: 4px;"
        " padding: 3px 14px; font-weight: 600; }"
        "QPushButton:hover { background: %3; border-color: %3; }"
        "QPushButton:focus { border: 1px solid palette(text); }"_s.arg(
            red.name(), dark ? u"#1f2124"_s : u"#ffffff"_s,
            (dark ? red.lighter(115) : red.darker(115)).name())
        + disabledButtonRule(palette));
}
