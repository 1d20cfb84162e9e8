// A non-modal message strip for errors and notices: it never blocks the window, and the user
// can keep working while it is shown.
#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace layerlab::widgets {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Info, Error };
    explicit MessageBar(QWidget* parent = nullptr);
    void showMessage(Kind kind, const QString& text);
    /// With a button beside the text that runs `action` (and dismisses the message), e.g. "Locate…".
    void showMessage(Kind kind, const QString& text, const QString& actionText, std::function<void()> action);
    QString text() const;
    /// The button's text while one is shown, else empty.
    QString actionText() const;
    QPushButton* actionButton() const { return m_action; }

private:
    QLabel* m_label;
    QPushButton* m_action;
    std::function<void()> m_onAction;
};

} // namespace layerlab::widgets
