target "base" {
  output = ["type=local,dest=a", "type=tar,dest=b.tar"]
}
target "default" {
  inherits = ["base"]
  output = ["type=local,dest=a", "type=tar,dest=b.tar", "type=local,dest=a", "type=oci,dest=c.tar", "type=docker"]
}
