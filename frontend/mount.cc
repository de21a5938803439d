#include "frontend/mount.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "base/spellcheck.h"

namespace mybuild::frontend {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(c));
  return out;
}

// encoding/csv: fields separated by commas; a field starting with `"` is
// quoted (`""` is a literal quote); a quote elsewhere is an error.
Expected<std::vector<std::string>> CsvFields(std::string_view s) {
  std::vector<std::string> fields;
  size_t i = 0;
  while (true) {
    std::string field;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (true) {
        if (i >= s.size()) return InvalidArgument("extraneous or missing \" in quoted-field");
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(s[i++]);
      }
      if (i < s.size() && s[i] != ',') {
        return InvalidArgument("extraneous or missing \" in quoted-field");
      }
    } else {
      while (i < s.size() && s[i] != ',') {
        if (s[i] == '"') return InvalidArgument("bare \" in non-quoted-field");
        field.push_back(s[i++]);
      }
    }
    fields.push_back(std::move(field));
    if (i >= s.size()) return fields;
    ++i;  // the comma
  }
}

Expected<bool> ParseBool(const std::string& key, const std::string& v) {
  // strconv.ParseBool
  static const char* kTrue[] = {"1", "t", "T", "TRUE", "true", "True"};
  static const char* kFalse[] = {"0", "f", "F", "FALSE", "false", "False"};
  for (const char* t : kTrue) if (v == t) return true;
  for (const char* f : kFalse) if (v == f) return false;
  return InvalidArgument("invalid value for " + key + ": " + v);
}

Expected<uint32_t> ParseUint32(const std::string& key, const std::string& v,
                               int base) {
  if (v.empty() || v.size() > 12) {
    return InvalidArgument("invalid value " + v + " for " + key);
  }
  uint64_t n = 0;
  for (char c : v) {
    int d = c - '0';
    if (d < 0 || d >= base) {
      return InvalidArgument("invalid value " + v + " for " + key);
    }
    n = n * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
  }
  if (n > 0xFFFFFFFFu) return InvalidArgument("invalid value " + v + " for " + key);
  return static_cast<uint32_t>(n);
}

// tmpfs size=: bytes with an optional k/m/g/t (or kb, mib, ...) suffix.
Expected<uint64_t> ParseSize(const std::string& v) {
  size_t i = 0;
  uint64_t n = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
    if (n > (UINT64_MAX - 9) / 10) break;
    n = n * 10 + static_cast<uint64_t>(v[i++] - '0');
  }
  std::string unit = Lower(v.substr(i));
  if (!unit.empty() && unit.back() == 'b') unit.pop_back();
  if (unit.size() == 2 && unit[1] == 'i') unit.pop_back();
  static const std::string kUnits = "kmgtp";
  uint64_t mult = 1;
  if (unit.size() == 1 && kUnits.find(unit[0]) != std::string::npos) {
    for (size_t k = 0; k <= kUnits.find(unit[0]); ++k) mult *= 1024;
  } else if (!unit.empty()) {
    i = 0;
  }
  if (i == 0 || n > UINT64_MAX / mult) {
    return InvalidArgument("invalid value " + v + " for size");
  }
  return n * mult;
}

const std::vector<std::string>& AllKeys() {
  static const std::vector<std::string> keys = {
      "type", "from", "source", "target", "readonly", "id", "sharing",
      "required", "mode", "uid", "gid", "src", "dst", "ro", "rw",
      "readwrite", "destination", "size", "env"};
  return keys;
}

Status SetField(MountSpec* m, const std::string& key, const std::string& value,
                const std::string& field, bool* ro_auto) {
  const bool typed = key == "type" || key == "sharing" || key == "mode" ||
                     key == "uid" || key == "gid" || key == "size" ||
                     key == "readonly" || key == "ro" || key == "readwrite" ||
                     key == "rw" || key == "required" || key == "from";
  if (typed && value.find('$') != std::string::npos) {
    return InvalidArgument("'" + key + "' doesn't support variable expansion");
  }
  if (key == "type") {
    static const std::vector<std::string> kTypes = {"bind", "cache", "tmpfs",
                                                    "secret", "ssh"};
    auto it = std::find(kTypes.begin(), kTypes.end(), Lower(value));
    if (it == kTypes.end()) {
      std::string msg = "unsupported mount type \"" + value + "\"";
      std::string guess = SpellCheck(value, kTypes);
      if (!guess.empty()) msg += " (did you mean " + guess + "?)";
      return InvalidArgument(msg);
    }
    m->type = static_cast<MountType>(it - kTypes.begin());
  } else if (key == "from") {
    m->from = value;
  } else if (key == "source" || key == "src") {
    m->source = value;
  } else if (key == "target" || key == "dst" || key == "destination") {
    m->target = value;
  } else if (key == "readonly" || key == "ro" || key == "readwrite" ||
             key == "rw") {
    ASSIGN_OR_RETURN(bool v, ParseBool(key, value));
    m->readonly = (key == "readonly" || key == "ro") ? v : !v;
    *ro_auto = false;
  } else if (key == "required") {
    if (m->type != MountType::kSecret && m->type != MountType::kSsh) {
      return InvalidArgument("unexpected key '" + key + "' for mount type '" +
                             MountTypeName(m->type) + "'");
    }
    ASSIGN_OR_RETURN(m->required, ParseBool(key, value));
  } else if (key == "id") {
    m->id = value;
  } else if (key == "env") {
    m->env = value;
  } else if (key == "sharing") {
    std::string v = Lower(value);
    if (v == "shared") m->sharing = CacheSharing::kShared;
    else if (v == "private") m->sharing = CacheSharing::kPrivate;
    else if (v == "locked") m->sharing = CacheSharing::kLocked;
    else return InvalidArgument("unsupported sharing value \"" + value + "\"");
  } else if (key == "mode") {
    ASSIGN_OR_RETURN(m->mode, ParseUint32(key, value, 8));
  } else if (key == "uid") {
    ASSIGN_OR_RETURN(m->uid, ParseUint32(key, value, 10));
  } else if (key == "gid") {
    ASSIGN_OR_RETURN(m->gid, ParseUint32(key, value, 10));
  } else if (key == "size") {
    ASSIGN_OR_RETURN(m->size, ParseSize(value));
  } else {
    std::string msg = "unexpected key '" + key + "' in '" + field + "'";
    std::string guess = SpellCheck(key, AllKeys());
    if (!guess.empty()) msg += " (did you mean " + guess + "?)";
    return InvalidArgument(msg);
  }
  return Status::Ok();
}

Status Check(MountSpec* m, bool ro_auto, bool sharing_set) {
  const bool file_info = m->type == MountType::kSecret ||
                         m->type == MountType::kSsh ||
                         m->type == MountType::kCache;
  const std::string type = MountTypeName(m->type);
  if (m->mode && !file_info) {
    return InvalidArgument("mode not allowed for \"" + type + "\" type mounts");
  }
  if (m->uid && !file_info) {
    return InvalidArgument("uid not allowed for \"" + type + "\" type mounts");
  }
  if (m->gid && !file_info) {
    return InvalidArgument("gid not allowed for \"" + type + "\" type mounts");
  }
  if (m->size && m->type != MountType::kTmpfs) {
    return InvalidArgument("size not allowed for \"" + type + "\" type mounts");
  }
  if (ro_auto) {
    m->readonly = m->type != MountType::kCache && m->type != MountType::kTmpfs;
  }
  if (sharing_set && m->type != MountType::kCache) {
    return InvalidArgument("invalid cache sharing set for " + type + " mount");
  }
  if (m->type == MountType::kSecret) {
    if (!m->from.empty()) {
      return InvalidArgument("secret mount should not have a from");
    }
    if (m->source.empty() && m->target.empty() && m->id.empty() &&
        m->env.empty()) {
      return InvalidArgument(
          "invalid secret mount. one of source, target required");
    }
    if (!m->source.empty() && !m->id.empty()) {
      return InvalidArgument("both source and id can't be set");
    }
  } else if (!m->env.empty()) {
    return InvalidArgument("env not allowed for \"" + type + "\" type mounts");
  }
  return Status::Ok();
}

}  // namespace

const char* MountTypeName(MountType type) {
  switch (type) {
    case MountType::kBind: return "bind";
    case MountType::kCache: return "cache";
    case MountType::kTmpfs: return "tmpfs";
    case MountType::kSecret: return "secret";
    case MountType::kSsh: return "ssh";
  }
  return "bind";
}

Expected<MountSpec> ParseMount(std::string_view value) {
  ASSIGN_OR_RETURN(std::vector<std::string> fields, CsvFields(value));
  MountSpec m;
  bool ro_auto = true;
  bool sharing_set = false;
  for (const std::string& field : fields) {
    size_t eq = field.find('=');
    std::string key = Lower(field.substr(0, eq));
    if (eq == std::string::npos) {
      if (key == "readonly" || key == "ro" || key == "readwrite" ||
          key == "rw" || key == "required") {
        RETURN_IF_ERROR(SetField(&m, key, "true", field, &ro_auto));
        continue;
      }
      return InvalidArgument("invalid field '" + field +
                             "' must be a key=value pair");
    }
    if (key == "sharing") sharing_set = true;
    RETURN_IF_ERROR(SetField(&m, key, field.substr(eq + 1), field, &ro_auto));
  }
  RETURN_IF_ERROR(Check(&m, ro_auto, sharing_set));
  return m;
}

}  // namespace mybuild::frontend
