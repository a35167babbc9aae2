# Outputs that cannot work are refused at the attribute: a type that does
# not exist, a push without a name, a docker image of several platforms,
# files without a destination.
# An image kept in BuildKit's store needs no name.
# ARGS: typo noname multidocker fine unnamed nodest
builder "remote" {
  driver   = "remote"
  endpoint = "tcp://127.0.0.1:1234"
}
target "typo" {
  builder = "remote"
  output  = ["type=registy"] # ERROR: Unknown output type "registy"
}
target "noname" {
  builder = "remote"
  output  = ["type=registry"] # ERROR: A push needs a name
}
target "multidocker" {
  builder   = "remote"
  platforms = ["linux/amd64", "linux/arm64"]
  output    = ["type=docker,dest=img.tar"] # ERROR: A docker image holds one platform
}
target "unnamed" {
  builder = "remote"
  output  = ["type=image"]
}
target "fine" {
  builder = "remote"
  output  = ["type=image,push=true,name=localhost:5000/x", "type=tar,dest=out.tar", "-", "out-dir"]
}
target "nodest" {
  builder = "remote"
  output  = ["type=oci", "type=tar,compression=gzip", "type=local"] # ERROR: Output needs a destination | Output needs a destination | Output needs a destination
}
