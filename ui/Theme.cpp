#include "Theme.h"

#include <QApplication>
#include <QBuffer>
#include <QFile>
#include <QFontDatabase>
#include <QHash>
#include <QImageReader>
#include <QPixmap>
#include <QPushButton>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor disabledText(0x80, 0x84, 0x8a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
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
    QPalette p = QStyleFactory::create(u"Fusion"_s)->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x12, 0x8a, 0x72));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x0e, 0x6e, 0x5b));
    return p;
}

QIcon renderIcon(QStringView name, const QColor& color)
{
    QFile file(u":/icons/%1.svg"_s.arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    if (color.isValid())
        svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    QIcon icon;
    for (const int size : {16, 20, 24, 32, 48, 64}) {
        QBuffer buffer(&svg);
        QImageReader reader(&buffer, "svg");
        reader.setScaledSize(QSize(size, size));
        const QImage image = reader.read();
        if (image.isNull())
            return {};
        icon.addPixmap(QPixmap::fromImage(image));
    }
    return icon;
}

} // namespace

void Theme::apply(QApplication& app, Scheme scheme)
{
    if (scheme == Scheme::System)
        return;
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    app.setPalette(scheme == Scheme::Dark ? darkPalette() : lightPalette());
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
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    return QColor((text.red() + window.red() * 2) / 3, (text.green() + window.green() * 2) / 3,
                  (text.blue() + window.blue() * 2) / 3);
}

QIcon Theme::icon(QStringView name, const QColor& color)
{
    QColor tint = color.isValid() ? color : QApplication::palette().color(QPalette::Text);
    if (tint.alpha() < 255) { // SVG colours are opaque: blend into the window background
        const QColor window = QApplication::palette().color(QPalette::Window);
        const qreal a = tint.alphaF();
        tint = QColor::fromRgbF(tint.redF() * a + window.redF() * (1 - a),
                                tint.greenF() * a + window.greenF() * (1 - a),
                                tint.blueF() * a + window.blueF() * (1 - a));
    }
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

void Theme::makePrimary(QPushButton* button)
{
    button->setProperty("mintRole", u"primary"_s);
    button->setStyleSheet(
        u"QPushButton { background: palette(highlight); color: palette(highlighted-text);"
        " border: 1px solid palette(highlight); border-radius: 4px; padding: 5px 14px;"
        " font-weight: 600; }"
        "QPushButton:hover { background: palette(link); border-color: palette(link); }"
        "QPushButton:focus { border: 1px solid palette(highlighted-text); }"
        "QPushButton:disabled { background: palette(midlight); color: palette(mid);"
        " border-color: palette(midlight); }"_s);
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
        " padding: 5px 14px; font-weight: 600; }"
        "QPushButton:hover { background: %3; border-color: %3; }"
        "QPushButton:focus { border: 1px solid palette(text); }"
        "QPushButton:disabled { background: palette(midlight); color: palette(mid); }"_s.arg(
            red.name(), dark ? u"#1f2124"_s : u"#ffffff"_s,
            (dark ? red.lighter(115) : red.darker(115)).name()));
}
