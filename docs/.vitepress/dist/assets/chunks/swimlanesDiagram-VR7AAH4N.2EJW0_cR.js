import{c as r,s as e}from"./flowDiagram-HODETNUW.BQCtN8rC.js";import{_ as a}from"./mermaid.core.BXRLExfI.js";import"./chunk-5VM5RSS4.BdzgWvDz.js";import"./chunk-XXDRQBXY.Djx-MEzG.js";import"./chunk-POPQ4Y6H.dS8F26Lp.js";import"./chunk-F27PBJKO.BcfXSJVE.js";import"./channel.CjImKR9R.js";import"./framework.DlQ8ZhpE.js";var o=a(t=>`${e(t)}
  .swimlane.cluster rect {
    stroke: ${t.clusterBorder} !important;
  }
  [data-look="neo"].cluster rect {
    filter: none;
  }
`,"getStyles"),s=o,n=r({defaultLayout:"swimlane",styles:s});export{n as diagram};
