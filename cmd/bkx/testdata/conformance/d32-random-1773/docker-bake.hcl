variable "V0" {
  default = 1
}

variable "V1" {

}

variable "V2" {
  default = 12
}

function "fn0" {
  params = [p0, p1]
  result = upper(p0)
}

function "fn1" {
  params = [p0]
  result = upper(p0)
}

TOP = format("%s:%s", V1, V1)

target "api" {
  secret = ["id=a,env=A"]
  attest = ["type=sbom,disabled=true", { type = "sbom", "disabled" = "true" }]
  cache-to = [{ "type" = "registry", "ref" = "r/c", "mode" = "max" }]
  contexts = { src = "target:t_2" }
}

target "web" {
  call = "outline"
  shm-size = "2gb"
}

target "t_2" {
  cache-from = [{ type = "inline" }, "type=registry,ref=r/c,mode=max"]
  dockerfile-inline = fn0("0", "x-${V0}")
}

target "app" {
  contexts = { "alpine" = "./ctx" }
  inherits = ["t_2"]
  extra-hosts = { h1 = "10.0.0.1", gw = "1.2.3.4" }
  dockerfile = "sub/Dockerfile"
  network = "default"
  dockerfile-inline = fn1(V1)
}

group "default" {
  targets = ["t_2", "api"]
}
