variable "V0" {

}

function "fn0" {
  params = [p0, p1]
  result = join("-", [p0, p1])
}

function "fn1" {
  params = [p0]
  result = p0 == "" ? "e" : p0
}

target "test" {
  annotations = ["index:a=b"]
  description = pow(2, 10)
  dockerfile-inline = <<EOT
FROM scratch
COPY . .
EOT
  shm-size = "128m"
  output = ["type=oci,dest=o.tar", "type=registry"]
}

target "app" {
  target = "build"
  call = "build"
  cache-from = [{ "type" = "inline" }, { "type" = "inline" }]
  labels = {  }
}

target "base" {

}

target "tool" {
  platforms = ["linux/arm/v7"]
  args = {  }
  attest = ["type=provenance,mode=max", "type=provenance,mode=min"]
  output = ["type=registry", "type=image,name=x/y"]
  tags = split("-", "")
}

target "web" {
  name = "web-${replace(v, ".", "_")}"
  matrix = { v = ["x"] }
  no-cache = contains([V0], V0)
}

group "default" {
  targets = ["app", "nope"]
}

group "all" {
  targets = []
}

group "g2" {
  targets = []
}
