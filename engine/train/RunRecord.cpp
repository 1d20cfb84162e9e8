#include "RunRecord.h"

#include "model/ModelFile.h"

namespace layerlab::engine::train {

Json RunRecord::toJson() const {
    Json j = Json::object();
    j.set("outcome", outcome);
    j.set("history", history.toJson());
    j.set("model", model::ModelFile::toJson(model));
    return j;
}

void RunRecord::write(JsonWriter& out, std::string_view key) const {
    out.beginObject(key);
    out.member("outcome", Json(outcome));
    out.member("history", history.toJson());
    out.beginObject("model");
    model::ModelFile::writeMembers(out, model);
    out.end();
    out.end();
}

RunRecord RunRecord::fromJson(const Json& json, const std::string& source) {
    RunRecord r;
    if (const Json* o = json.find("outcome")) r.outcome = o->asString("run.outcome");
    r.history = RunHistory::fromJson(json.at("history"));
    r.model = model::ModelFile::fromJson(json.at("model"), source);
    return r;
}

} // namespace layerlab::engine::train
