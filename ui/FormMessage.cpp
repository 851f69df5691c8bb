#include "FormMessage.h"

#include "Theme.h"

#include <QAccessible>
#include <QEvent>
#include <QLayout>

FormMessage::FormMessage(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void FormMessage::showMessage(const QString& text, Kind kind)
{
    if (text.isEmpty()) {
        clearMessage();
        return;
    }
    m_kind = kind;
    setText(text);
    applyColor();
    show();
    growWindowToFit();
    if (kind == Kind::Error) {
        QAccessibleEvent event(this, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
}

void FormMessage::growWindowToFit()
{
    // Top-level layouts do not follow heightForWidth by themselves: a message that wraps onto
    // more lines than the window has room for would be cut off. Grow, never shrink.
    QWidget* top = window();
    if (top == this || !top->layout())
        return;
    top->layout()->activate();
    if (const int needed = top->heightForWidth(top->width()); needed > top->height())
        top->resize(top->width(), needed);
}

void FormMessage::clearMessage()
{
    clear();
    hide();
}

void FormMessage::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColor();
}

void FormMessage::applyColor()
{
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    QColor color;
    switch (m_kind) {
    case Kind::Error:
        color = Theme::errorColor(base);
        break;
    case Kind::Success:
        color = Theme::successColor(base);
        break;
    case Kind::Hint:
        color = base.color(QPalette::PlaceholderText);
        break;
    }
    QPalette p = palette();
    if (p.color(QPalette::WindowText) == color)
        return;
    p.setColor(QPalette::WindowText, color);
    setPalette(p); // PaletteChange again, but the colour now matches: no loop
}
