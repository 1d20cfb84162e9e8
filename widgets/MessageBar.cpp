#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace layerlab::widgets {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent), m_label(new QLabel(this)), m_action(new QPushButton(this)) {
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    m_action->setObjectName(QStringLiteral("messageAction"));
    m_action->hide();
    connect(m_action, &QPushButton::clicked, this, [this] {
        auto action = m_onAction; // it may show another message
        hide();
        if (action) action();
    });
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_action);
    layout->addWidget(close);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString& text) {
    // Colours come from the palette so dark and light themes both work.
    setProperty("kind", kind == Kind::Error ? "error" : "info");
    setBackgroundRole(kind == Kind::Error ? QPalette::ToolTipBase : QPalette::AlternateBase);
    setAutoFillBackground(true);
    m_label->setText(text);
    m_onAction = {};
    m_action->hide();
    show();
}

void MessageBar::showMessage(Kind kind, const QString& text, const QString& actionText, std::function<void()> action) {
    showMessage(kind, text);
    m_onAction = std::move(action);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
}

QString MessageBar::actionText() const { return isVisible() && m_action->isVisible() ? m_action->text() : QString(); }

QString MessageBar::text() const { return isVisible() ? m_label->text() : QString(); }

} // namespace layerlab::widgets
