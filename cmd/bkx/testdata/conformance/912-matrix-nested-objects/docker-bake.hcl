variable "DISTROS" {
  default = {
    alpine = { version = "3.20", pkgs = ["curl", "git"], meta = { family = "musl", lts = false } }
    debian = { version = "12", pkgs = ["curl"], meta = { family = "glibc", lts = true } }
  }
}
target "img" {
  name = "img-${d.key}-${replace(d.value.version, ".", "_")}"
  matrix = {
    d = [for k, v in DISTROS : { key = k, value = v }]
  }
  dockerfile = "Dockerfile.${d.value.meta.family}"
  args = {
    BASE = "${d.key}:${d.value.version}"
    PKGS = join(" ", d.value.pkgs)
    LTS = d.value.meta.lts
    NPKGS = length(d.value.pkgs)
  }
  tags = [for p in d.value.pkgs : "acme/${d.key}-${p}:${d.value.version}"]
  description = "Image for ${title(d.key)} ${d.value.version}"
}
group "default" {
  targets = ["img-debian-12", "img"]
  description = "all images"
}
