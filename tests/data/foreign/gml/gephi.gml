Creator "Gephi 0.10.1"
graph
[
  directed 0
  label "Gephi sample: party ties"
  node
  [
    id 1
    label "cpc"
    graphics
    [
      x -120.5
      y 33.25
      z 0.0
      w 12.0
      h 12.0
      d 12.0
      fill "#e41a1c"
    ]
    family "communist"
    seats 2977
  ]
  node
  [
    id 2
    label "wpk"
    graphics
    [
      x 40.0
      y -8.5
      w 6.0
      h 6.0
      fill "#377eb8"
    ]
    family "communist"
    seats 687
  ]
  node
  [
    id 3
    label "lprp"
    family "communist"
    share 0.75
  ]
  node
  [
    id 4
    label "anc"
    family "social democratic"
  ]
  edge
  [
    id 10
    source 1
    target 2
    weight 3.5
    type "met"
  ]
  edge
  [
    id 11
    source 1
    target 3
    weight 2.0
    type "signed"
  ]
  edge
  [
    id 12
    source 4
    target 1
    weight 1.0
  ]
]
