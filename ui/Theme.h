#pragma once

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPalette>
#include <QStringView>

class QApplication;
class QPushButton;

// The few visual decisions shared by every page and dialog: icons tinted to the palette, the
// heading font, colours for messages, and the primary/destructive button looks.
class Theme final {
public:
    Theme() = delete;

    enum class Scheme { System, Light, Dark };
    // Fusion with a light or dark palette; System keeps the platform's style and palette (with
    // Fusion instead of Qt's last-resort "Windows" style, see isFallbackStyle).
    static void apply(QApplication& app, Scheme scheme);
    // True for no style and for "Windows": what Qt picks when the platform's style is missing.
    [[nodiscard]] static bool isFallbackStyle(const QString& styleName);

    [[nodiscard]] static bool isDark(const QPalette& palette);
    [[nodiscard]] static QColor errorColor(const QPalette& palette);
    [[nodiscard]] static QColor successColor(const QPalette& palette);
    // The brand/selection colour, readable as an icon on the window background.
    [[nodiscard]] static QColor accentColor(const QPalette& palette);
    // Quiet icons and secondary marks: text blended into the window background.
    [[nodiscard]] static QColor mutedColor(const QPalette& palette);
    // Secondary text (notes, who is signed in): quieter than the text, still at least 4.5:1
    // against the window background (WCAG AA) in the light and dark palettes.
    [[nodiscard]] static QColor secondaryTextColor(const QPalette& palette);

    // A resource icon (":/icons/<name>.svg") whose "currentColor" strokes are drawn in color
    // (default: the application palette's text colour). Cached; empty if SVG is unsupported.
    [[nodiscard]] static QIcon icon(QStringView name, const QColor& color = {});
    [[nodiscard]] static QIcon appIcon();

    [[nodiscard]] static QFont headingFont(const QFont& base, qreal scale = 1.6);
    [[nodiscard]] static QFont monospaceFont();

    static void makePrimary(QPushButton* button);
    static void makeDestructive(QPushButton* button);
};
