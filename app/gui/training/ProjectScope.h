// Which project and data the views show: the one place that decides when everything a view
// derived from the last project is void — a project opened, created or restored, or its data
// file or target changed. Issue 19 found a view per project switch still showing the previous
// project's columns, baselines or sample row, because each switch path reset its own list of
// views. Now each view feature connects to projectChanged() in its constructor and rebuilds
// from the new project; nobody keeps a list to remember.
// Threading: GUI thread.
#pragma once

#include <QObject>
#include <QString>

namespace layerlab::app {
class ProjectSession;
}

namespace layerlab::app::training {

class ProjectScope : public QObject {
    Q_OBJECT
public:
    explicit ProjectScope(ProjectSession* session, QObject* parent = nullptr);
    /// Counts projectChanged() signals: a result computed under an older generation is stale.
    int generation() const { return m_generation; }

Q_SIGNALS:
    /// The views' derived state belongs to another project or data now: clear and rebuild.
    void projectChanged();

private:
    void analysed();
    void change();

    ProjectSession* m_session;
    const void* m_table = nullptr; // the data file as read, by identity
    QString m_target;
    int m_generation = 0;
};

} // namespace layerlab::app::training
