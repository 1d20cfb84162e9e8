#include "Theme.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>
#include <QStyleFactory>

namespace layerlab::widgets::style {

Theme& Theme::instance() {
    static Theme theme;
    return theme;
}

Theme::Theme() {
    // Fusion draws the same on every platform and honours the palette fully (dark included).
    if (qobject_cast<QApplication*>(QCoreApplication::instance()))
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    apply(Kind::Light);
}

QString Theme::kindName(Kind kind) { return kind == Kind::Dark ? QStringLiteral("dark") : QStringLiteral("light"); }

void Theme::apply(Kind kind) {
    m_kind = kind;
    m_colors.clear();
    QFile file(QStringLiteral(":/styles/themes.json"));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonObject all = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject set = all.value(kindName(kind)).toObject();
        for (auto it = set.begin(); it != set.end(); ++it) m_colors.insert(it.key(), QColor(it.value().toString()));
    }
    if (qobject_cast<QApplication*>(QCoreApplication::instance())) {
        QPalette p;
        p.setColor(QPalette::Window, color("window"));
        p.setColor(QPalette::WindowText, color("text"));
        p.setColor(QPalette::Base, color("base"));
        p.setColor(QPalette::AlternateBase, color("alternateBase"));
        p.setColor(QPalette::Text, color("text"));
        p.setColor(QPalette::PlaceholderText, color("mutedText"));
        p.setColor(QPalette::Button, color("button"));
        p.setColor(QPalette::ButtonText, color("text"));
        p.setColor(QPalette::ToolTipBase, color("base"));
        p.setColor(QPalette::ToolTipText, color("text"));
        p.setColor(QPalette::Highlight, color("highlight"));
        p.setColor(QPalette::HighlightedText, color("highlightedText"));
        p.setColor(QPalette::Link, color("highlight"));
        p.setColor(QPalette::Disabled, QPalette::Text, color("mutedText"));
        p.setColor(QPalette::Disabled, QPalette::WindowText, color("mutedText"));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, color("mutedText"));
        QApplication::setPalette(p);
    }
    Q_EMIT changed();
}

QColor Theme::color(const QString& name) const { return m_colors.value(name, QColor(Qt::magenta)); }

} // namespace layerlab::widgets::style
