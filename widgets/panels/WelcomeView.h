// The first view: start a new project from a CSV, open one, reopen a recent one, or open a
// sample (the origin cases). Emits requests; the app decides what they do.
#pragma once

#include <QWidget>

class QListWidget;

namespace layerlab::widgets::panels {

class WelcomeView : public QWidget {
    Q_OBJECT
public:
    struct Entry {
        QString title;
        QString path;
    };
    explicit WelcomeView(QWidget* parent = nullptr);
    void setRecent(const QStringList& paths);
    void setSamples(const QList<Entry>& samples);
    QListWidget* recentList() const { return m_recent; }
    QListWidget* sampleList() const { return m_samples; }

Q_SIGNALS:
    void newFromCsvRequested();
    void openDialogRequested();
    void openRequested(const QString& path);

private:
    QListWidget* m_recent;
    QListWidget* m_samples;
};

} // namespace layerlab::widgets::panels
