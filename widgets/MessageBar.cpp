#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace layerlab::widgets {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent), m_label(new QLabel(this)) {
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(close);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString& text) {
    // Colours come from the palette so dark and light themes both work.
    setProperty("kind", kind == Kind::Error ? "error" : "info");
    setBackgroundRole(kind == Kind::Error ? QPalette::ToolTipBase : QPalette::AlternateBase);
    setAutoFillBackground(true);
    m_label->setText(text);
    show();
}

QString MessageBar::text() const { return isVisible() ? m_label->text() : QString(); }

} // namespace layerlab::widgets
