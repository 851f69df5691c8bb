// Theme: SVG icons drawn from the vector at the device pixel ratio (crisp at 200 %, not a 100 %
// bitmap enlarged), tinted, with a disabled variant; the light and dark schemes; and the system
// scheme keeping the platform's style, with Fusion instead of Qt's last-resort "Windows" style.

#include "Theme.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>
#include <QSet>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

namespace {

// The share of pixels that are neither transparent nor opaque: the anti-aliased edges. A crisp
// rendering at twice the size has edges half as wide, relative to its size, as a bitmap
// enlarged by two.
double edgeShare(const QImage& image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    qsizetype partial = 0;
    qsizetype painted = 0;
    for (int y = 0; y < argb.height(); ++y) {
        for (int x = 0; x < argb.width(); ++x) {
            const int alpha = qAlpha(argb.pixel(x, y));
            if (alpha > 0)
                ++painted;
            if (alpha > 8 && alpha < 247)
                ++partial;
        }
    }
    return painted ? double(partial) / double(painted) : 0.0;
}

} // namespace

class TestTheme final : public QObject {
    Q_OBJECT

private slots:
    void iconsAreDrawnAtTheDevicePixelRatio_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("side");
        QTest::addColumn<qreal>("ratio");
        for (const char* name : {"plus", "lock", "mint-config"}) {
            for (const int side : {16, 36, 64}) {
                for (const qreal ratio : {1.5, 2.0, 3.0})
                    QTest::addRow("%s-%d@%.1f", name, side, ratio)
                        << QString::fromLatin1(name) << side << ratio;
            }
        }
    }

    void iconsAreDrawnAtTheDevicePixelRatio()
    {
        QFETCH(QString, name);
        QFETCH(int, side);
        QFETCH(qreal, ratio);
        const QIcon icon = Theme::icon(name);
        QVERIFY(!icon.isNull());
        const QPixmap large = icon.pixmap(QSize(side, side), ratio);
        const int device = qRound(side * ratio);
        QCOMPARE(large.size(), QSize(device, device)); // device pixels
        QCOMPARE(large.devicePixelRatio(), ratio);
        QCOMPARE(large.deviceIndependentSize().toSize(), QSize(side, side));

        // Not the 100 % bitmap enlarged: that would have edges as wide as its own pixels.
        const QPixmap normal = icon.pixmap(QSize(side, side), 1.0);
        QCOMPARE(normal.size(), QSize(side, side));
        const QImage enlarged = normal.toImage().scaled(device, device, Qt::IgnoreAspectRatio,
                                                        Qt::SmoothTransformation);
        QVERIFY(large.toImage().convertToFormat(QImage::Format_ARGB32)
                != enlarged.convertToFormat(QImage::Format_ARGB32));
        if (ratio >= 2.0) {
            const double crisp = edgeShare(large.toImage());
            const double blurred = edgeShare(enlarged);
            QVERIFY2(crisp < blurred * 0.8,
                     qPrintable(QStringLiteral("edges %1 vs enlarged %2").arg(crisp).arg(blurred)));
        }
    }

    void theApplicationScaleIsUsedByDefault()
    {
        // QIcon::pixmap without a ratio takes the application's: at 200 % a QLabel gets a pixmap
        // with twice the pixels.
        const QPixmap pixmap = Theme::appIcon().pixmap(QSize(64, 64));
        QCOMPARE(pixmap.devicePixelRatio(), qApp->devicePixelRatio());
        QCOMPARE(pixmap.width(), qRound(64 * qApp->devicePixelRatio()));
    }

    void paintingFillsTheDevicePixels()
    {
        const QIcon icon = Theme::icon(u"lock");
        QPixmap canvas(QSize(48, 48));
        canvas.setDevicePixelRatio(2.0);
        canvas.fill(Qt::transparent);
        {
            QPainter painter(&canvas);
            icon.paint(&painter, QRect(0, 0, 24, 24));
        }
        QCOMPARE(
            canvas.toImage(),
            icon.pixmap(QSize(24, 24), 2.0).toImage().convertToFormat(canvas.toImage().format()));
    }

    void iconsAreTintedAndHaveADisabledLook()
    {
        const QColor red(0xd0, 0x10, 0x10);
        const QImage tinted = Theme::icon(u"plus", red).pixmap(QSize(32, 32), 1.0).toImage();
        bool sawRed = false;
        for (int y = 0; y < tinted.height() && !sawRed; ++y) {
            for (int x = 0; x < tinted.width() && !sawRed; ++x)
                sawRed = tinted.pixelColor(x, y).alpha() == 255 && tinted.pixelColor(x, y) == red;
        }
        QVERIFY(sawRed);
        const QIcon icon = Theme::icon(u"plus", red);
        QVERIFY(icon.pixmap(QSize(32, 32), 1.0, QIcon::Disabled).toImage()
                != icon.pixmap(QSize(32, 32), 1.0, QIcon::Normal).toImage());
        QVERIFY(Theme::icon(u"no-such-icon").isNull());
        QVERIFY(!icon.availableSizes().isEmpty());
    }

    void aSelectedIconTakesTheSelectionTextColour()
    {
        // On a selected row (the connections list) the icon is drawn in the colour of the
        // selected text, not in its own tint, which vanished on the selection colour.
        const QColor onSelection = QApplication::palette().color(QPalette::HighlightedText);
        const QColor dark(0x20, 0x20, 0x20);
        QVERIFY(onSelection != dark);
        const QIcon icon = Theme::icon(u"cloud", dark);
        const auto opaqueColours = [](const QImage& image) {
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    if (image.pixelColor(x, y).alpha() == 255)
                        colours.insert(image.pixelColor(x, y).rgb());
                }
            }
            return colours;
        };
        const QSet<QRgb> normal = opaqueColours(icon.pixmap(QSize(32, 32)).toImage());
        const QSet<QRgb> selected =
            opaqueColours(icon.pixmap(QSize(32, 32), QIcon::Selected).toImage());
        QCOMPARE(normal, QSet<QRgb>{dark.rgb()});
        QCOMPARE(selected, QSet<QRgb>{onSelection.rgb()});
    }

    void schemesSetAPaletteAndTheSystemKeepsItsStyle()
    {
        auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
        QVERIFY(app);
        const QPalette before = QApplication::palette();
        const QString styleBefore = QApplication::style()->name();

        Theme::apply(*app, Theme::Scheme::Dark);
        QVERIFY(Theme::isDark(QApplication::palette()));
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        Theme::apply(*app, Theme::Scheme::Light);
        QVERIFY(!Theme::isDark(QApplication::palette()));

        // System: the platform's style stays; Qt's last resort is replaced by Fusion.
        QVERIFY(Theme::isFallbackStyle(QStringLiteral("Windows")));
        QVERIFY(Theme::isFallbackStyle(QString()));
        QVERIFY(!Theme::isFallbackStyle(QStringLiteral("Fusion")));
        QVERIFY(!Theme::isFallbackStyle(QStringLiteral("windowsvista")));
        QVERIFY(!Theme::isFallbackStyle(QStringLiteral("Breeze")));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Windows")));
        Theme::apply(*app, Theme::Scheme::System);
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        QApplication::setStyle(QStyleFactory::create(styleBefore));
        Theme::apply(*app, Theme::Scheme::System);
        QCOMPARE(QApplication::style()->name(), styleBefore);

        QApplication::setPalette(before);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
