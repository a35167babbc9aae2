target "app" {
  tagz = ["x"] # WARNING: Unsupported argument
  platfroms = ["linux/arm64"] # WARNING: Unsupported argument
  inherits = ["bsae"] # ERROR: Unknown inherits parent
}
target "base" {}
targte "oops" {} # WARNING: Unknown block type
group "default" {
  targets = ["app", "ghost"] # ERROR: Unknown target
}
target "refs" {
  args = { A = nosuch } # ERROR: Unknown variable
  tags = target.nope.tags # ERROR: Unknown target
  labels = target.base.labelz # ERROR: Unknown target attribute
}
# TARGETS: default
