# BuildKit's network modes are default, none and host; others are refused
# at the attribute (buildx refuses them before building too).
# ARGS: bridge none
builder "remote" {
  driver   = "remote"
  endpoint = "tcp://127.0.0.1:1234"
}
target "bridge" {
  builder = "remote"
  network = "bridge" # ERROR: Network mode "bridge" is not supported
}
target "none" {
  builder = "remote"
  network = "none"
}
