#!/usr/bin/env python3
"""Writes the diagram (BPMN DI) of a model from a small grid layout, so diagrams stay tidy when a model changes.

Usage: tools/bpmn-layout/layout.py processes/change-standard.bpmn tools/bpmn-layout/change-standard.json

The layout file places every flow node on a grid and may steer edges:
  {"nodes": {"ChangeRequested": [0, 1], "ReviewChange": [2, 1],
             "NotReviewedInTime": {"attach": "ReviewChange", "at": 0.7}},
   "edges": {"ReviewRejected": "below", "Resubmit": "above", "Other": [[620, 40], [300, 40]]}}
A node is [column, row] (fractions allowed); a boundary event names its host and where on the host's bottom edge it
sits. An edge is routed automatically; "above"/"below" sends it around the elements through a lane, a list of points
gives the bends between source and target. The old diagram is replaced; the process itself is not touched.
"""
import json
import math
import sys
import xml.etree.ElementTree as ET

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
    "camunda": "http://camunda.org/schema/1.0/bpmn",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
for prefix, uri in NS.items():
    ET.register_namespace(prefix, uri)

COLUMN, ROW, LEFT, TOP = 150, 130, 150, 100
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
GATEWAYS = {"exclusiveGateway", "parallelGateway", "eventBasedGateway", "inclusiveGateway"}


def q(prefix, tag):
    return "{%s}%s" % (NS[prefix], tag)


class Box:
    def __init__(self, kind, cx, cy):
        self.kind = kind
        w, h = (36, 36) if kind in EVENTS else (50, 50) if kind in GATEWAYS else (100, 80)
        self.x, self.y, self.w, self.h = cx - w / 2, cy - h / 2, w, h

    cx = property(lambda self: self.x + self.w / 2)
    cy = property(lambda self: self.y + self.h / 2)
    right = property(lambda self: self.x + self.w)
    bottom = property(lambda self: self.y + self.h)


def text_lines(text, width):
    return max(1, math.ceil(len(text) * 6.2 / width))


def route(s, t, hint, boundary):
    if isinstance(hint, list):
        points = [tuple(p) for p in hint]
        first, last = points[0], points[-1]
        start = side_towards(s, first)
        end = side_towards(t, last)
        return [start] + points + [end]
    if boundary:
        start = (s.cx, s.bottom)
        if abs(t.cx - s.cx) < 1:
            return [start, (t.cx, t.y if t.cy > s.cy else t.bottom)]
        return [start, (s.cx, t.cy), (t.x if t.cx > s.cx else t.right, t.cy)]
    if hint in ("above", "below"):
        lane = (min(s.y, t.y) - 35) if hint == "above" else (max(s.bottom, t.bottom) + 35)
        sy = s.y if hint == "above" else s.bottom
        ty = t.y if hint == "above" else t.bottom
        return [(s.cx, sy), (s.cx, lane), (t.cx, lane), (t.cx, ty)]
    dx, dy = t.cx - s.cx, t.cy - s.cy
    if abs(dy) < 1:
        return [(s.right, s.cy), (t.x, t.cy)] if dx > 0 else [(s.x, s.cy), (t.right, t.cy)]
    if abs(dx) < 1:
        return [(s.cx, s.bottom), (t.cx, t.y)] if dy > 0 else [(s.cx, s.y), (t.cx, t.bottom)]
    if s.kind in GATEWAYS or s.kind in EVENTS and dx < 0:
        return [(s.cx, s.bottom if dy > 0 else s.y), (s.cx, t.cy), (t.x if dx > 0 else t.right, t.cy)]
    if t.kind in GATEWAYS:
        return [(s.right if dx > 0 else s.x, s.cy), (t.cx, s.cy), (t.cx, t.y if dy > 0 else t.bottom)]
    if dx > 0:
        mx = t.x - 25
        return [(s.right, s.cy), (mx, s.cy), (mx, t.cy), (t.x, t.cy)]
    return [(s.cx, s.bottom if dy > 0 else s.y), (s.cx, t.cy), (t.right, t.cy)]


def side_towards(box, point):
    px, py = point
    if abs(px - box.cx) >= abs(py - box.cy):
        return (box.right if px > box.cx else box.x, box.cy)
    return (box.cx, box.bottom if py > box.cy else box.y)


def main(model_path, layout_path):
    layout = json.load(open(layout_path))
    tree = ET.parse(model_path)
    root = tree.getroot()
    process = root.find(q("bpmn", "process"))
    nodes, flows = {}, []
    for element in process:
        kind = element.tag.split("}")[1]
        if kind == "sequenceFlow":
            flows.append(element)
        elif kind not in ("documentation", "extensionElements") and element.get("id"):
            nodes[element.get("id")] = (kind, element)
    missing = sorted(set(nodes) - set(layout["nodes"]))
    if missing:
        sys.exit("layout has no place for: " + ", ".join(missing))

    boxes = {}
    for node_id, (kind, _) in nodes.items():
        place = layout["nodes"][node_id]
        if isinstance(place, list):
            boxes[node_id] = Box(kind, LEFT + place[0] * COLUMN, TOP + place[1] * ROW)
    for node_id, (kind, _) in nodes.items():
        place = layout["nodes"][node_id]
        if isinstance(place, dict):
            host = boxes[place["attach"]]
            boxes[node_id] = Box(kind, host.x + host.w * place.get("at", 0.5), host.bottom)

    for old in root.findall(q("bpmndi", "BPMNDiagram")):
        root.remove(old)
    diagram = ET.SubElement(root, q("bpmndi", "BPMNDiagram"), id=process.get("id").title().replace("-", "") + "Diagram")
    plane = ET.SubElement(diagram, q("bpmndi", "BPMNPlane"), id=diagram.get("id") + "Plane",
                          bpmnElement=process.get("id"))

    def bounds(parent, x, y, w, h):
        ET.SubElement(parent, q("dc", "Bounds"), x=str(round(x)), y=str(round(y)), width=str(round(w)),
                      height=str(round(h)))

    for node_id, (kind, element) in nodes.items():
        box = boxes[node_id]
        attrs = {"id": node_id + "_di", "bpmnElement": node_id}
        if kind == "exclusiveGateway":
            attrs["isMarkerVisible"] = "true"
        if kind in ("subProcess", "callActivity"):
            attrs["isExpanded"] = "false"
        shape = ET.SubElement(plane, q("bpmndi", "BPMNShape"), attrs)
        bounds(shape, box.x, box.y, box.w, box.h)
        name = element.get("name")
        if name and (kind in EVENTS or kind in GATEWAYS):
            label = ET.SubElement(shape, q("bpmndi", "BPMNLabel"))
            width = 90
            height = 14 * text_lines(name, width)
            if kind in GATEWAYS:
                bounds(label, box.cx - width / 2, box.y - height - 4, width, height)
            else:
                bounds(label, box.cx - width / 2, box.bottom + 6, width, height)

    for flow in flows:
        flow_id = flow.get("id")
        source, target = flow.get("sourceRef"), flow.get("targetRef")
        hint = layout.get("edges", {}).get(flow_id)
        points = route(boxes[source], boxes[target], hint, nodes[source][0] == "boundaryEvent")
        edge = ET.SubElement(plane, q("bpmndi", "BPMNEdge"), id=flow_id + "_di", bpmnElement=flow_id)
        for x, y in points:
            ET.SubElement(edge, q("di", "waypoint"), x=str(round(x)), y=str(round(y)))
        name = flow.get("name")
        if name:
            (x1, y1), (x2, y2) = points[0], points[1]
            width = min(120, max(30, len(name) * 6.2))
            height = 14 * text_lines(name, width)
            label = ET.SubElement(edge, q("bpmndi", "BPMNLabel"))
            if abs(y1 - y2) < 1:
                bounds(label, (x1 + x2) / 2 - width / 2, y1 - height - 3, width, height)
            else:
                bounds(label, x1 + 6, (y1 + y2) / 2 - height / 2, width, height)

    ET.indent(tree, space="  ")
    tree.write(model_path, encoding="UTF-8", xml_declaration=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
