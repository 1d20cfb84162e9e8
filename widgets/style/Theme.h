// The colours every view paints with, read from one style resource (resources/styles/themes.json)
// rather than literals in paint code. apply() sets the application palette so standard widgets
// follow; custom painters ask color(). Threading: GUI thread only.
#pragma once

#include <QColor>
#include <QHash>
#include <QObject>
#include <QString>

namespace layerlab::widgets::style {

class Theme : public QObject {
    Q_OBJECT
public:
    enum class Kind { Light, Dark };
    /// The one theme of the application.
    static Theme& instance();

    Kind kind() const { return m_kind; }
    /// Switches colours and the application palette; emits changed().
    void apply(Kind kind);
    /// A named colour ("canvas", "error", ...); magenta for an unknown name, so it shows.
    QColor color(const QString& name) const;
    static QString kindName(Kind kind);

Q_SIGNALS:
    void changed();

private:
    Theme();
    Kind m_kind = Kind::Light;
    QHash<QString, QColor> m_colors;
};

} // namespace layerlab::widgets::style
