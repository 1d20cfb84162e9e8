// Everything about the open project that is not a widget: the document, loading the project
// file and its data off the GUI thread, re-analysing the data when its settings change, and the
// design check that runs after every edit. Panels show what it publishes; MainWindow wires them.
// Threading: GUI thread; the loaders and the analyzer do their work on pool threads.
#pragma once

#include "canvas/DesignIssue.h"
#include "canvas/GraphDrawing.h"
#include "data/DataAnalysis.h"
#include "ModelExporter.h"
#include "project/Project.h"

#include <QObject>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace layerlab::widgets::canvas {
class GraphModel;
}

namespace layerlab::app {

class ProjectLoader;
namespace document {
class ProjectDocument;
}
namespace data {
class DataAnalyzer;
class DataLoader;
} // namespace data

class ProjectSession : public QObject {
    Q_OBJECT
public:
    explicit ProjectSession(QObject* parent = nullptr);
    ~ProjectSession() override;

    document::ProjectDocument* document() const { return m_doc; }
    /// Asked once the new file has been read, before the current project is replaced: false
    /// keeps the current project (the user cancelled "save changes?").
    using Confirm = std::function<bool()>;
    /// Opens a project file in the background; opened() or failed() follows. The current project
    /// stays exactly as it is until the file has loaded and `confirm` agreed; a file that fails to
    /// load never replaces it.
    void open(const QString& path, Confirm confirm = {});
    /// Starts a new untitled project on `csvPath` — once the file has been read (a PNG renamed
    /// .csv or an empty file fails with failed() and leaves the current project untouched) and
    /// `confirm` agreed.
    void newFromCsv(const QString& csvPath, Confirm confirm = {});
    /// Puts a recovered project in place (modified, not yet saved).
    void restore(const engine::project::Project& project);
    /// Reads the data file again (after choosing another one, or reopening).
    void loadData();
    void cancelLoading();
    bool isLoading() const;

    std::shared_ptr<const data::DataAnalysis> analysis() const { return m_analysis; }
    /// The data file as read (no derived columns); null until loaded.
    std::shared_ptr<const engine::data::Table> table() const { return m_table; }
    const std::vector<widgets::canvas::DesignIssue>& issues() const { return m_issues; }
    /// A held graph's shape after each layer on the analysed data (empty: a chain, no data yet,
    /// or a design that cannot work, which issues() then names). Updated with issues().
    const widgets::canvas::GraphDrawing::Shapes& graphShapes() const { return m_graphShapes; }
    /// Per export format, why a model of the current design on the current data could not be
    /// exported to it (empty: it can); known once the data is analysed. Updated with issues().
    struct ExportCheck {
        exporters::ExportFormat format;
        std::string problem;
    };
    const std::vector<ExportCheck>& exportChecks() const { return m_exports; }
    data::DataLoader* loader() const { return m_loader; }
    data::DataAnalyzer* analyzer() const { return m_analyzer; }

    /// The canvas's model of the document's network: rebuilt when a project opens, and every
    /// edit on it (undoable, on the document's stack) is written back to the document.
    widgets::canvas::GraphModel* graph() const { return m_graph; }
    /// Whether the open project is a copy of a shipped sample (opened from the samples folder).
    bool isSample() const { return m_sample; }

Q_SIGNALS:
    void opened(const QString& path);
    void failed(const QString& message);
    /// The project's data file is not where the project says (moved or renamed): `message` says
    /// which; the window offers to locate it (a data-file edit, after which it loads).
    void dataMissing(const QString& message);
    void loadingProgress(int percent); ///< -1 when done
    void analysisChanged();
    void issuesChanged();

private:
    void analyse();
    void adoptCsv(const QString& path, std::shared_ptr<const engine::data::Table> table);
    /// Sets the target (the last column) and its loss when the project has none; true if it did.
    bool chooseTarget();
    void check();

    document::ProjectDocument* m_doc;
    widgets::canvas::GraphModel* m_graph;
    bool m_sample = false;
    ProjectLoader* m_projectLoader;
    data::DataLoader* m_loader;
    data::DataLoader* m_csvProbe; // reads a new project's CSV before anything is replaced
    enum class Pending { None, Project, Csv }; // the newest open / new-project request in flight
    Pending m_pending = Pending::None;
    Confirm m_confirm;            // that request's question
    data::DataAnalyzer* m_analyzer;
    std::shared_ptr<const engine::data::Table> m_table;
    QString m_tablePath;
    std::shared_ptr<const data::DataAnalysis> m_analysis;
    std::shared_ptr<const engine::data::Table> m_analysedTable; // what the last request analysed
    std::string m_analysedSpec;
    std::vector<widgets::canvas::DesignIssue> m_issues;
    widgets::canvas::GraphDrawing::Shapes m_graphShapes;
    std::vector<ExportCheck> m_exports;
};

} // namespace layerlab::app
