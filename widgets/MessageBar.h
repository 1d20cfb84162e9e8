// A non-modal message strip for errors and notices: it never blocks the window, and the user
// can keep working while it is shown.
#pragma once

#include <QFrame>

class QLabel;

namespace layerlab::widgets {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Info, Error };
    explicit MessageBar(QWidget* parent = nullptr);
    void showMessage(Kind kind, const QString& text);
    QString text() const;

private:
    QLabel* m_label;
};

} // namespace layerlab::widgets
