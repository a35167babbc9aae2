# What a build cannot apply is refused at its attribute, not dropped:
# per-step resources (BuildKit v0.34 has none) and source policies (no
# policy engine); a disabled policy asks for nothing.
# ARGS: limited policed off
builder "remote" {
  driver   = "remote"
  endpoint = "tcp://127.0.0.1:1234"
}
target "_b" {
  builder = "remote"
}
target "limited" {
  inherits  = ["_b"]
  resources = { memory = "512m", cpu-quota = "50000" } # ERROR: Per-step resource limits are not applied
}
target "policed" {
  inherits = ["_b"]
  policy   = ["filename=policy.rego"] # ERROR: Source policies are not applied
}
target "off" {
  inherits = ["_b"]
  policy   = ["filename=off.rego,disabled=true"]
}
