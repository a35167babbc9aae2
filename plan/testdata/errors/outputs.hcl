# An output type that does not exist is refused at the attribute.
# ARGS: typo fine
builder "remote" {
  driver   = "remote"
  endpoint = "tcp://127.0.0.1:1234"
}
target "typo" {
  builder = "remote"
  output  = ["type=registy"] # ERROR: Unknown output type "registy"
}
target "fine" {
  builder = "remote"
  output  = ["type=image,push=true,name=localhost:5000/x", "type=tar,dest=out.tar", "-", "out-dir"]
}
