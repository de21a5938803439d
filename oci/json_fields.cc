#include "oci/json_fields.h"

namespace mybuild::oci::internal {

Expected<Json> ParseJson(std::string_view text, std::string_view what) {
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    return InvalidArgument(std::string(what) + ": invalid JSON: " + e.what());
  }
}

std::string Canonical(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Expected<Fields> Fields::Of(const Json& j, std::string where) {
  if (!j.is_object()) return InvalidArgument(where + ": must be a JSON object");
  return Fields(&j, std::move(where));
}

const Json& Fields::Get(const char* key) const {
  static const Json kNull;
  auto it = j_->find(key);
  return it == j_->end() ? kNull : *it;
}

Status Fields::WrongType(const char* key, const char* kind) const {
  return InvalidArgument(where_ + ": field \"" + key + "\" must be " + kind);
}

Status Fields::Require(const char* key) const {
  if (Get(key).is_null()) {
    return InvalidArgument(where_ + ": missing field \"" + key + "\"");
  }
  return Status::Ok();
}

Status Fields::Str(const char* key, std::string* out) const {
  const Json& v = Get(key);
  if (v.is_null()) return Status::Ok();
  if (!v.is_string()) return WrongType(key, "a string");
  *out = v.get<std::string>();
  return Status::Ok();
}

Status Fields::Int(const char* key, int64_t* out) const {
  const Json& v = Get(key);
  if (v.is_null()) return Status::Ok();
  if (v.is_number_unsigned() && v.get<uint64_t>() > INT64_MAX) {
    return WrongType(key, "an integer in range");
  }
  if (!v.is_number_integer()) return WrongType(key, "an integer");
  *out = v.get<int64_t>();
  return Status::Ok();
}

Status Fields::Bool(const char* key, bool* out) const {
  const Json& v = Get(key);
  if (v.is_null()) return Status::Ok();
  if (!v.is_boolean()) return WrongType(key, "true or false");
  *out = v.get<bool>();
  return Status::Ok();
}

Status Fields::StrList(const char* key, std::vector<std::string>* out) const {
  const Json& v = Get(key);
  if (v.is_null()) return Status::Ok();
  if (!v.is_array()) return WrongType(key, "an array of strings");
  std::vector<std::string> list;
  for (const Json& e : v) {
    if (!e.is_string()) return WrongType(key, "an array of strings");
    list.push_back(e.get<std::string>());
  }
  *out = std::move(list);
  return Status::Ok();
}

Status Fields::StrMap(const char* key,
                      std::map<std::string, std::string>* out) const {
  const Json& v = Get(key);
  if (v.is_null()) return Status::Ok();
  if (!v.is_object()) return WrongType(key, "an object of strings");
  std::map<std::string, std::string> m;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!it->is_string()) return WrongType(key, "an object of strings");
    m[it.key()] = it->get<std::string>();
  }
  *out = std::move(m);
  return Status::Ok();
}

Status Fields::KeySet(const char* key, std::set<std::string>* out) const {
  const Json& v = Get(key);
  if (v.is_null()) return Status::Ok();
  if (!v.is_object()) return WrongType(key, "an object");
  std::set<std::string> s;
  for (auto it = v.begin(); it != v.end(); ++it) s.insert(it.key());
  *out = std::move(s);
  return Status::Ok();
}

std::map<std::string, std::string> Fields::Unknown(
    const std::set<std::string_view>& known) const {
  std::map<std::string, std::string> raw;
  for (auto it = j_->begin(); it != j_->end(); ++it) {
    if (!known.count(it.key())) raw[it.key()] = Canonical(*it);
  }
  return raw;
}

void PutUnknown(const std::map<std::string, std::string>& raw, Json* j) {
  for (const auto& [key, text] : raw) {
    Json v = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!v.is_discarded()) (*j)[key] = std::move(v);
  }
}

}  // namespace mybuild::oci::internal
